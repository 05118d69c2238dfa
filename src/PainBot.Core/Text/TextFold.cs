using System.Text;

namespace PainBot.Core.Text;

/// <summary>
/// The one accent fold of the house, shared by the safety and scope normalisers: lower case, and the base letters
/// of Latin-1 and Latin Extended-A (U+00C0-017F: "é" → "e", "ø" → "o", "ł" → "l", "œ" → "oe", "ß" → "ss").
/// A table rather than <see cref="string.Normalize()"/>, which leaves text unchanged under invariant globalization.
/// </summary>
public static class TextFold
{
    private const int TableStart = 0xC0;

    // Base letters of U+00C0..U+017F ('_' = not a letter, or several letters: see Append).
    private const string LatinFold =
        "aaaaaa_ceeeeiiiidnooooo_ouuuuy__aaaaaa_ceeeeiiiidnooooo_ouuuuy_y" +
        "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii__jjkkklllllll" +
        "lllnnnnnnnnnoooooo__rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

    /// <summary>Whether <paramref name="c"/> is written as an apostrophe ("don't", "don’t", "don´t", "donʼt").</summary>
    public static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u2018' or '`' or '\u00B4' or '\u02BC';

    /// <summary><paramref name="text"/> lower-cased and without accents.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            Append(sb, c);
        }

        return sb.ToString();
    }

    /// <summary>Appends <paramref name="c"/> lower-cased and without its accent; a ligature becomes two letters.</summary>
    public static void Append(StringBuilder sb, char c)
    {
        ArgumentNullException.ThrowIfNull(sb);
        var index = c - TableStart;
        if (index < 0 || index >= LatinFold.Length)
        {
            sb.Append(char.ToLowerInvariant(c));
        }
        else if (LatinFold[index] != '_')
        {
            sb.Append(LatinFold[index]);
        }
        else
        {
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
    }
}
