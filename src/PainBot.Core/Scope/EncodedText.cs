using System.Text;
using System.Text.RegularExpressions;

namespace PainBot.Core.Scope;

/// <summary>
/// What a message says once decoded: runs of base64 or hex, URL-encoding, and the message read as rot13. Used to
/// screen instructions hidden in an encoding ("decode this and do what it says") with the same rules as plain text.
/// </summary>
public static partial class EncodedText
{
    private const int MinRun = 16;

    /// <summary>Each decoding that yields readable text, named by its encoding.</summary>
    public static IEnumerable<(string Encoding, string Text)> Decodings(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (Match run in Base64Run().Matches(text))
        {
            if (FromBase64(run.Value) is { } decoded)
            {
                yield return ("base64", decoded);
            }
        }

        foreach (Match run in HexRun().Matches(text))
        {
            var hex = HexSeparator().Replace(run.Value, string.Empty);
            if (hex.Length % 2 == 0 && Readable(Convert.FromHexString(hex)) is { } decoded)
            {
                yield return ("hex", decoded);
            }
        }

        if (PercentEscape().IsMatch(text))
        {
            string? unescaped = null;
            try
            {
                unescaped = Uri.UnescapeDataString(text.Replace('+', ' '));
            }
            catch (UriFormatException)
            {
                // Not URL-encoded after all.
            }

            if (unescaped is not null && !string.Equals(unescaped, text, StringComparison.Ordinal))
            {
                yield return ("url", unescaped);
            }
        }

        yield return ("rot13", Rot13(text));
    }

    /// <summary>Letters shifted by 13 (its own inverse); everything else unchanged.</summary>
    public static string Rot13(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (c is >= 'a' and <= 'z')
            {
                chars[i] = (char)('a' + ((c - 'a' + 13) % 26));
            }
            else if (c is >= 'A' and <= 'Z')
            {
                chars[i] = (char)('A' + ((c - 'A' + 13) % 26));
            }
        }

        return new string(chars);
    }

    private static string? FromBase64(string run)
    {
        var s = run.Replace('-', '+').Replace('_', '/').TrimEnd('=');
        s = s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
        var buffer = new byte[s.Length];
        return Convert.TryFromBase64String(s, buffer, out var written) ? Readable(buffer.AsSpan(0, written).ToArray()) : null;
    }

    // Decoded bytes count only as strict UTF-8 that is mostly letters and spaces, with a few words in it.
    private static string? Readable(byte[] bytes)
    {
        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        var letters = decoded.Count(c => char.IsLetter(c) || c == ' ');
        return decoded.Length > 0 && letters >= decoded.Length * 0.8 && decoded.Count(c => c == ' ') >= 2 ? decoded : null;
    }

    [GeneratedRegex(@"[A-Za-z0-9+/_-]{16,}={0,2}", RegexOptions.CultureInvariant)]
    private static partial Regex Base64Run();

    [GeneratedRegex(@"(?:[0-9A-Fa-f]{2}[\s:]?){8,}", RegexOptions.CultureInvariant)]
    private static partial Regex HexRun();

    [GeneratedRegex(@"[\s:]", RegexOptions.CultureInvariant)]
    private static partial Regex HexSeparator();

    [GeneratedRegex("%[0-9A-Fa-f]{2}", RegexOptions.CultureInvariant)]
    private static partial Regex PercentEscape();
}
