namespace PainBot.Generation.Grounding;

/// <summary>How well a passage supports a sentence.</summary>
/// <param name="Similarity">Highest MiniLM cosine between the sentence and a sentence (or two adjacent sentences) of the passage.</param>
/// <param name="Overlap">Share of the sentence's content words (lightly stemmed) that occur in the passage.</param>
/// <param name="NumbersFound">Whether every number in the sentence occurs in the passage.</param>
/// <param name="AbsolutesFound">Whether every absolute word of the sentence ("never", "cures", "proven", "safely", …) occurs in the passage.</param>
public sealed record SupportScore(double Similarity, double Overlap, bool NumbersFound, bool AbsolutesFound = true);
