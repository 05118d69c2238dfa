using PainBot.Core.Dialog;

namespace PainBot.Generation.Grounding;

/// <summary>The verdict on a generated answer. When it passed, the answer renumbered 1..m and its citations.</summary>
public sealed record GroundingResult(bool Passed, FallbackReason? Reason, string Markdown, IReadOnlyList<Citation> Citations, int SentenceCount, int RemovedImitations)
{
    public static GroundingResult Fail(FallbackReason reason, int sentences = 0, int removed = 0) => new(false, reason, string.Empty, [], sentences, removed);
}
