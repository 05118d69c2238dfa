namespace PainBot.Knowledge;

/// <summary>How the lexical and dense rankings are combined into one.</summary>
public enum FusionMethod
{
    /// <summary>Reciprocal rank fusion: each ranking contributes 1/(k + rank).</summary>
    Rrf,

    /// <summary>A weighted sum of the dense cosine and the max-normalised BM25 score (measured best on the dev set).</summary>
    Weighted,
}
