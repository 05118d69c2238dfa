using System.Globalization;
using System.Text.RegularExpressions;

namespace PainBot.Generation.Grounding;

/// <summary>Splits a generated Markdown answer into sentences and bullets, each with the citation numbers it carries.</summary>
public static partial class AnswerParser
{
    /// <summary>The sentences of an answer, in order. Fragments with no letters (a stray marker) join the sentence before.</summary>
    public static IReadOnlyList<AnswerSentence> Parse(string markdown)
    {
        var sentences = new List<AnswerSentence>();
        foreach (var raw in markdown.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var bullet = BulletPrefix().Match(line);
            if (bullet.Success)
            {
                line = line[bullet.Length..].Trim();
            }

            foreach (var part in SentenceBreak().Split(line))
            {
                var citations = Markers().Matches(part)
                    .SelectMany(m => m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                    .Select(n => int.Parse(n, CultureInfo.InvariantCulture))
                    .Distinct()
                    .ToList();
                var text = Spaces().Replace(Markers().Replace(part, string.Empty), " ").Trim();
                text = SpaceBeforePunctuation().Replace(text, "$1");
                if (!text.Any(char.IsLetter))
                {
                    if (sentences.Count > 0 && citations.Count > 0)
                    {
                        var last = sentences[^1];
                        sentences[^1] = last with { Citations = [.. last.Citations.Union(citations)] };
                    }

                    continue;
                }

                sentences.Add(new AnswerSentence(text, citations, bullet.Success));
            }
        }

        return sentences;
    }

    /// <summary>Rewrites every citation marker through <paramref name="renumber"/>, in the normal form "[n]" or "[n][m]".</summary>
    public static string Renumber(string markdown, IReadOnlyDictionary<int, int> renumber) =>
        Markers().Replace(markdown, m => string.Concat(
            m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(n => renumber[int.Parse(n, CultureInfo.InvariantCulture)])
                .Distinct()
                .Select(n => $"[{n}]")));

    /// <summary>Citation markers: [1], [2, 3], [1,2].</summary>
    [GeneratedRegex(@"\[\s*(\d{1,3}(?:\s*,\s*\d{1,3})*)\s*\]", RegexOptions.CultureInvariant)]
    internal static partial Regex Markers();

    [GeneratedRegex(@"^([-*+•]|\d+[.)])\s+", RegexOptions.CultureInvariant)]
    private static partial Regex BulletPrefix();

    // A sentence ends at . ! or ? (and any markers right after it) followed by a capital, quote, bold or bracket-free start.
    [GeneratedRegex(@"(?<=[.!?](?:\s*\[[\d,\s]+\])*)\s+(?=[A-Z*""(])", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"\s{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\s+([.,;:!?])", RegexOptions.CultureInvariant)]
    private static partial Regex SpaceBeforePunctuation();
}
