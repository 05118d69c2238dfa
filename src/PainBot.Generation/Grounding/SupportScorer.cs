using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using PainBot.Core.Knowledge;
using PainBot.Core.Text;
using PainBot.Knowledge.Embeddings;

namespace PainBot.Generation.Grounding;

/// <summary>
/// Measures how well passages support sentences: MiniLM similarity against the passage's own sentences (and
/// pairs of adjacent ones, since a rephrased sentence often merges two), content-word overlap, and numbers.
/// Passage sentence vectors are cached; the knowledge base is small and read-only between reloads.
/// </summary>
public sealed partial class SupportScorer(ITextEmbedder embedder)
{
    private const int MaxCachedTexts = 50_000;
    private readonly ConcurrentDictionary<string, float[]> _cache = new(StringComparer.Ordinal);

    /// <summary>Scores each (sentence, passage) pair.</summary>
    public IReadOnlyList<SupportScore> Score(IReadOnlyList<(string Sentence, Passage Passage)> pairs, CancellationToken cancellationToken = default)
    {
        if (pairs.Count == 0)
        {
            return [];
        }

        var sentenceVectors = embedder.Embed([.. pairs.Select(p => p.Sentence)], cancellationToken);
        var windows = pairs.Select(p => p.Passage).Distinct().ToDictionary(p => p.Id, Windows, StringComparer.Ordinal);
        var missing = windows.Values.SelectMany(w => w).Where(t => !_cache.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            if (_cache.Count + missing.Count > MaxCachedTexts)
            {
                _cache.Clear();
            }

            var vectors = embedder.Embed(missing, cancellationToken);
            for (var i = 0; i < missing.Count; i++)
            {
                _cache[missing[i]] = vectors[i];
            }
        }

        var scores = new SupportScore[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            var (sentence, passage) = pairs[i];
            var similarity = windows[passage.Id].Select(w => Dot(sentenceVectors[i], _cache.TryGetValue(w, out var v) ? v : embedder.Embed([w], cancellationToken)[0])).DefaultIfEmpty(0).Max();
            scores[i] = new SupportScore(similarity, Overlap(sentence, passage), NumbersFound(sentence, passage), AbsolutesFound(sentence, passage));
        }

        return scores;
    }

    /// <summary>Share of the sentence's content stems found in the passage (title and body); 1 when it has none.</summary>
    public static double Overlap(string sentence, Passage passage)
    {
        var stems = Words.ContentStems(sentence);
        if (stems.Count == 0)
        {
            return 1;
        }

        var source = Words.ContentStems(passage.Title + "\n" + passage.Body);
        return stems.Count(source.Contains) / (double)stems.Count;
    }

    /// <summary>Whether every number written in digits in the sentence also occurs in the passage.</summary>
    public static bool NumbersFound(string sentence, Passage passage)
    {
        var numbers = Number().Matches(passage.Title + "\n" + passage.Body).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        return Number().Matches(sentence).All(m => numbers.Contains(m.Value));
    }

    /// <summary>
    /// Whether every absolute word of the sentence also occurs in the passage. Similarity and overlap barely move
    /// when a rephrasing overstates ("cures", "never", "proven safe"), so these words must come from the passage.
    /// </summary>
    public static bool AbsolutesFound(string sentence, Passage passage)
    {
        var source = Words.Tokens(passage.Title + "\n" + passage.Body).ToHashSet(StringComparer.Ordinal);
        return Words.Tokens(sentence).Where(Absolutes.Contains).All(source.Contains);
    }

    private static readonly HashSet<string> Absolutes = new(StringComparer.Ordinal)
    {
        "never", "always", "cure", "cures", "cured", "proven", "guarantee", "guaranteed", "guarantees", "completely",
        "permanently", "permanent", "definitely", "certainly", "safely", "effective", "best", "clearly", "entirely", "every",
    };

    /// <summary>The passage's sentences and bullets, and each pair of adjacent ones.</summary>
    internal static List<string> Windows(Passage passage)
    {
        var units = AnswerParser.Parse(string.Join('\n', passage.Body.Split('\n').Where(l => !l.TrimStart().StartsWith('#'))))
            .Select(s => s.Text.Replace("**", string.Empty, StringComparison.Ordinal))
            .ToList();
        var windows = new List<string>(units);
        for (var i = 0; i + 1 < units.Count; i++)
        {
            windows.Add(units[i] + " " + units[i + 1]);
        }

        return windows;
    }

    private static double Dot(float[] a, float[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length && i < b.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    [GeneratedRegex(@"\d+(?:[.,]\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex Number();
}
