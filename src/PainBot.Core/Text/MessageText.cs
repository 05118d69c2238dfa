using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace PainBot.Core.Text;

/// <summary>Cleaning of incoming messages: markup removed, whitespace collapsed, length capped.</summary>
public static partial class MessageText
{
    /// <summary>The message as plain text: tags and scripts dropped, entities decoded, control characters removed.</summary>
    public static string Clean(string? text, int maxCharacters, out bool truncated)
    {
        truncated = false;
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var t = text.Length > maxCharacters * 4 ? text[..(maxCharacters * 4)] : text;
        t = ScriptOrStyle().Replace(t, " ");
        t = Tag().Replace(t, " ");
        t = WebUtility.HtmlDecode(t);
        var sb = new StringBuilder(t.Length);
        var space = false;
        foreach (var c in t)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (!space && sb.Length > 0)
                {
                    sb.Append(' ');
                }

                space = true;
            }
            else
            {
                sb.Append(c);
                space = false;
            }
        }

        var clean = sb.ToString().Trim();
        if (clean.Length > maxCharacters)
        {
            truncated = true;
            clean = clean[..maxCharacters];
        }

        return clean;
    }

    /// <summary>Whether the text has any letter or digit (emoji-only and punctuation-only messages have none).</summary>
    public static bool HasWords(string text) => text.Any(char.IsLetterOrDigit);

    [GeneratedRegex(@"<\s*(script|style)[^>]*>.*?<\s*/\s*\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"<[^>]{0,500}>", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();
}
