using System.Text.RegularExpressions;

namespace PainBot.Core.Text;

/// <summary>
/// The one implementation of <c>{{name}}</c> placeholders in content and pages: names are letters, digits, dots
/// and underscores (<c>{{clinic.phone}}</c>, <c>{{emergency.number}}</c>), spaces inside the braces allowed.
/// </summary>
public static partial class Placeholders
{
    /// <summary>The placeholder names used in <paramref name="text"/>, in order of appearance.</summary>
    public static IEnumerable<string> Names(string text) =>
        Pattern().Matches(text ?? string.Empty).Select(m => m.Groups[1].Value);

    /// <summary>
    /// <paramref name="text"/> with every placeholder replaced by its value, passed through <paramref name="encode"/>
    /// when given (HTML pages). A name without a value is left as written, or throws when <paramref name="strict"/>.
    /// </summary>
    /// <exception cref="KeyNotFoundException">Strict, and a name has no value; the message names it.</exception>
    public static string Fill(string text, IReadOnlyDictionary<string, string> values, bool strict = false, Func<string, string>? encode = null) =>
        Pattern().Replace(text ?? string.Empty, m => values.TryGetValue(m.Groups[1].Value, out var value)
            ? encode is null ? value : encode(value)
            : strict ? throw new KeyNotFoundException($"unknown placeholder {m.Value}") : m.Value);

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_.]+)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
