namespace PainBot.Generation.Grounding;

/// <summary>
/// When a passage supports a sentence: every number and absolute word of the sentence is in the passage, and either the meaning is
/// very close (<see cref="StrongSimilarity"/>) or close with enough shared content words (<see cref="MinSimilarity"/>
/// and <see cref="MinOverlap"/>). The defaults are the lowest-cost point of a grid sweep on
/// <c>eval/grounding_dev.jsonl</c> (61 sentences; an unsupported sentence shown costs twice a supported one
/// replaced): similarity alone at 0.8 kept 24/31 supported sentences and passed 3/30 unsupported ones, all
/// contradictions that reuse the passage's words. Overlap did not help on that set and is kept at 0 until a
/// larger set says otherwise; <c>GroundingThresholdTests</c> prints the sweep.
/// </summary>
public sealed record SupportThresholds(double MinSimilarity, double MinOverlap, double StrongSimilarity)
{
    /// <summary>The thresholds chosen on the development set.</summary>
    public static SupportThresholds Default { get; } = new(0.8, 0.0, 0.8);

    /// <summary>Whether a score counts as support.</summary>
    public bool Supports(SupportScore score) =>
        score.NumbersFound && score.AbsolutesFound && (score.Similarity >= StrongSimilarity || (score.Similarity >= MinSimilarity && score.Overlap >= MinOverlap));
}
