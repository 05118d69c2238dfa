using PainBot.Core.Dialog;
using PainBot.Core.Knowledge;

namespace PainBot.Generation.Grounding;

/// <summary>
/// Checks a generated answer against the passages the model was given, numbered 1..k: imitations of code-owned
/// texts are removed, then every sentence must cite at least one given passage, every cited number must exist,
/// no sentence may address the model, and every sentence must be supported by one of the passages it cites.
/// A passing answer's citations are renumbered 1..m in passage order.
/// </summary>
public sealed class GroundingVerifier(SupportScorer scorer, SupportThresholds thresholds)
{
    /// <summary>Verifies <paramref name="output"/> against <paramref name="passages"/> (passage n is passages[n-1]).</summary>
    public GroundingResult Verify(string output, IReadOnlyList<Passage> passages, CancellationToken cancellationToken = default)
    {
        var (text, removed) = OutputSanitizer.Clean(output);
        var sentences = AnswerParser.Parse(text);
        if (sentences.Count == 0 || IsNone(text))
        {
            return GroundingResult.Fail(FallbackReason.Empty, 0, removed);
        }

        if (sentences.Any(s => InjectionDetector.LooksLikeInstruction(s.Text)))
        {
            return GroundingResult.Fail(FallbackReason.Injection, sentences.Count, removed);
        }

        if (sentences.Any(s => s.Citations.Count == 0))
        {
            return GroundingResult.Fail(FallbackReason.MissingCitation, sentences.Count, removed);
        }

        if (sentences.SelectMany(s => s.Citations).Any(n => n < 1 || n > passages.Count))
        {
            return GroundingResult.Fail(FallbackReason.UnknownCitation, sentences.Count, removed);
        }

        var pairs = sentences.SelectMany((s, i) => s.Citations.Select(n => (Index: i, Sentence: s.Text, Passage: passages[n - 1]))).ToList();
        var scores = scorer.Score([.. pairs.Select(p => (p.Sentence, p.Passage))], cancellationToken);
        var supported = new bool[sentences.Count];
        for (var j = 0; j < pairs.Count; j++)
        {
            supported[pairs[j].Index] |= thresholds.Supports(scores[j]);
        }

        if (supported.Any(s => !s))
        {
            return GroundingResult.Fail(FallbackReason.Unsupported, sentences.Count, removed);
        }

        var cited = sentences.SelectMany(s => s.Citations).Distinct().Order().ToList();
        var renumber = cited.Select((n, i) => (n, i + 1)).ToDictionary(x => x.n, x => x.Item2);
        var citations = cited.Select(n => passages[n - 1]).Select((p, i) => new Citation(i + 1, p.Id, p.Title, p.Topic)).ToList();
        return new GroundingResult(true, null, AnswerParser.Renumber(text, renumber), citations, sentences.Count, removed);
    }

    private static bool IsNone(string text) => text.Trim().TrimEnd('.').Equals("NONE", StringComparison.OrdinalIgnoreCase);
}
