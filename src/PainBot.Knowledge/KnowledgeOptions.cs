using System.ComponentModel.DataAnnotations;

namespace PainBot.Knowledge;

/// <summary>Where the clinic's content lives and how it is indexed and searched.</summary>
public sealed class KnowledgeOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Knowledge";

    /// <summary>The knowledge folder (topics.yaml, synonyms.yaml, passages/). Relative paths resolve against the working directory.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Path { get; set; } = "knowledge";

    /// <summary>Folder for the Lucene index on disk; empty keeps the index in memory (the default).</summary>
    public string? IndexPath { get; set; }

    /// <summary>Folder for the passage-embedding cache, keyed by content hash. Empty disables the cache.</summary>
    public string? EmbeddingCachePath { get; set; } = "data/cache";

    /// <summary>Use MiniLM sentence embeddings alongside BM25. Off gives BM25 alone.</summary>
    public bool Dense { get; set; } = true;

    /// <summary>How the BM25 and dense rankings are combined.</summary>
    public FusionMethod Fusion { get; set; } = FusionMethod.Weighted;

    /// <summary>Rebuild the index when a knowledge file changes.</summary>
    public bool WatchForChanges { get; set; } = true;

    /// <summary>Quiet time after the last file change before re-indexing, in milliseconds.</summary>
    [Range(0, 60_000)]
    public int ReloadDebounceMilliseconds { get; set; } = 500;
}
