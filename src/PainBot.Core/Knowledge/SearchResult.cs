namespace PainBot.Core.Knowledge;

/// <summary>The passages found for one query, best first, and how confident the search is that the first answers it.</summary>
/// <param name="Hits">Best first.</param>
/// <param name="Confidence">Calibrated 0..1: roughly the chance that the first hit is on the question's topic.</param>
public sealed record SearchResult(IReadOnlyList<SearchHit> Hits, double Confidence)
{
    /// <summary>A result with nothing found.</summary>
    public static SearchResult Empty { get; } = new([], 0);
}
