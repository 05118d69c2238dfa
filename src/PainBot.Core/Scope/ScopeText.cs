using System.Globalization;
using System.Text;

namespace PainBot.Core.Scope;

/// <summary>
/// The one normal form that scope rules and messages are compared in: lower case, no accents,
/// apostrophes dropped ("don't" → "dont", "Smith's" → "smiths"), every other non-letter, non-digit
/// character a space, single spaces, no leading or trailing space.
/// </summary>
public static class ScopeText
{
    // Base letters of U+00C0..U+017F ('_' = not a letter or several letters). A table rather than
    // string.Normalize, which leaves text unchanged under InvariantGlobalization.
    private const int TableStart = 0xC0;
    private const string LatinFold =
        "aaaaaa_ceeeeiiiidnooooo_ouuuuy__aaaaaa_ceeeeiiiidnooooo_ouuuuy_y" +
        "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii__jjkkklllllll" +
        "lllnnnnnnnnnoooooo__rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

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
            if (IsApostrophe(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
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
            AppendFolded(sb, c);
        }

        return sb.ToString();
    }

    /// <summary>The words of already normalised text.</summary>
    public static string[] Words(string normalizedText) =>
        normalizedText.Length == 0 ? [] : normalizedText.Split(' ');

    private static void AppendFolded(StringBuilder sb, char c)
    {
        if (c < TableStart)
        {
            sb.Append(char.ToLowerInvariant(c));
            return;
        }

        var index = c - TableStart;
        if (index < LatinFold.Length && LatinFold[index] != '_')
        {
            sb.Append(LatinFold[index]);
            return;
        }

        sb.Append(c switch
        {
            'Æ' or 'æ' => "ae",
            'Œ' or 'œ' => "oe",
            'Þ' or 'þ' => "th",
            'ß' => "ss",
            'Ĳ' or 'ĳ' => "ij",
            _ => char.ToLowerInvariant(c).ToString(),
        });
    }

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u2018' or '`' or '\u00B4' or '\u02BC';
}
