namespace PainBot.BotFramework.Teams;

/// <summary>
/// Splits long text into parts Teams accepts. Teams refuses messages over 100 KB of UTF-16 payload (older limits
/// were 28 KB and 40 KB), so parts stay well below at <see cref="DefaultMaxCharacters"/> characters, cut at
/// paragraph, then line, then word boundaries.
/// </summary>
public static class TeamsMessageSplitter
{
    /// <summary>About 40 KB of UTF-16: safe under every limit Teams has had except the oldest 28 KB one.</summary>
    public const int DefaultMaxCharacters = 20_000;

    /// <summary>The parts of <paramref name="text"/>, each at most <paramref name="maxCharacters"/> long.</summary>
    public static IReadOnlyList<string> Split(string text, int maxCharacters = DefaultMaxCharacters)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCharacters, 16);
        var parts = new List<string>();
        var rest = text.AsSpan().Trim();
        while (rest.Length > maxCharacters)
        {
            var window = rest[..maxCharacters];
            var cut = LastBoundary(window, "\n\n", maxCharacters);
            if (cut < 0)
            {
                cut = LastBoundary(window, "\n", maxCharacters);
            }

            if (cut < 0)
            {
                cut = LastBoundary(window, " ", maxCharacters);
            }

            if (cut < 0)
            {
                cut = maxCharacters;
                if (char.IsHighSurrogate(rest[cut - 1]))
                {
                    cut--;
                }
            }

            parts.Add(rest[..cut].TrimEnd().ToString());
            rest = rest[cut..].TrimStart();
        }

        if (rest.Length > 0 || parts.Count == 0)
        {
            parts.Add(rest.ToString());
        }

        return parts;
    }

    private static int LastBoundary(ReadOnlySpan<char> window, string separator, int maxCharacters)
    {
        var index = window.LastIndexOf(separator.AsSpan(), StringComparison.Ordinal);

        // A boundary in the first quarter would make tiny parts; prefer a harder cut further on.
        return index >= maxCharacters / 4 ? index : -1;
    }
}
