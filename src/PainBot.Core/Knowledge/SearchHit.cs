namespace PainBot.Core.Knowledge;

/// <summary>A passage found for a query, with its fused relevance score in 0..1.</summary>
public sealed record SearchHit(Passage Passage, double Score);
