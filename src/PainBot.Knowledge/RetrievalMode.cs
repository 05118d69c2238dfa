namespace PainBot.Knowledge;

/// <summary>Which rankings a search uses; the evaluation compares them side by side.</summary>
public enum RetrievalMode
{
    /// <summary>BM25 and dense, fused (what the assistant uses).</summary>
    Hybrid,

    /// <summary>BM25 alone.</summary>
    Lexical,

    /// <summary>MiniLM vectors alone.</summary>
    Dense,
}
