namespace PainBot.Generation.Grounding;

/// <summary>
/// When a passage supports a sentence: every number of the sentence is in the passage, and either the meaning is
/// very close (<see cref="StrongSimilarity"/>) or close with enough shared content words (<see cref="MinSimilarity"/>
/// and <see cref="MinOverlap"/>). The defaults were chosen on <c>eval/grounding_dev.jsonl</c> (see
/// <c>GroundingThresholdTests</c>, which prints the sweep).
/// </summary>
public sealed record SupportThresholds(double MinSimilarity, double MinOverlap, double StrongSimilarity)
{
    /// <summary>The thresholds chosen on the development set.</summary>
    public static SupportThresholds Default { get; } = new(0.55, 0.5, 0.8);

    /// <summary>Whether a score counts as support.</summary>
    public bool Supports(SupportScore score) =>
        score.NumbersFound && (score.Similarity >= StrongSimilarity || (score.Similarity >= MinSimilarity && score.Overlap >= MinOverlap));
}
