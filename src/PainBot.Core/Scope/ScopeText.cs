using System.Globalization;
using System.Text;
using PainBot.Core.Text;

namespace PainBot.Core.Scope;

/// <summary>
/// The one normal form that scope rules and messages are compared in: lower case, no accents,
/// apostrophes dropped ("don't" → "dont", "Smith's" → "smiths"), every other non-letter, non-digit
/// character a space, single spaces, no leading or trailing space.
/// </summary>
public static class ScopeText
{
    /// <summary>Normalises <paramref name="text"/>; null or blank gives an empty string. Never throws.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (TextFold.IsApostrophe(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (!char.IsLetterOrDigit(c))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace && sb.Length > 0)
            {
                sb.Append(' ');
            }

            pendingSpace = false;
            TextFold.Append(sb, c);
        }

        return sb.ToString();
    }

    /// <summary>The words of already normalised text.</summary>
    public static string[] Words(string normalizedText) =>
        normalizedText.Length == 0 ? [] : normalizedText.Split(' ');
}
