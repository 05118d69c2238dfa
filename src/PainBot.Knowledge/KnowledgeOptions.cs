using System.ComponentModel.DataAnnotations;
using PainBot.Knowledge.Embeddings;

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

    /// <summary>
    /// How the MiniLM encoder's weights run: Quantized (8-bit, the default; about twice as fast) or Full (32-bit
    /// floats as shipped). Changing it re-embeds the passages once (the cache is keyed by it).
    /// </summary>
    public EmbeddingPrecision EmbeddingPrecision { get; set; } = EmbeddingPrecision.Quantized;

    /// <summary>How the BM25 and dense rankings are combined.</summary>
    public FusionMethod Fusion { get; set; } = FusionMethod.Weighted;

    /// <summary>
    /// How many recent question embeddings to keep (exact text as key; 0 turns it off). Clicked suggestions and
    /// common questions repeat word for word, and embedding is most of a turn's cost.
    /// </summary>
    [Range(0, 1_000_000)]
    public int QueryEmbeddingCacheSize { get; set; } = 2048;

    /// <summary>
    /// Use the learned safety screen (trained on <c>knowledge/safety/examples/</c>, cached under
    /// <see cref="EmbeddingCachePath"/>) behind the rules. It needs <see cref="Dense"/>.
    /// </summary>
    public bool LearnedScreen { get; set; } = true;

    /// <summary>Rebuild the index when a knowledge file changes.</summary>
    public bool WatchForChanges { get; set; } = true;

    /// <summary>
    /// <see cref="Path"/> made absolute: as given when it exists relative to the working directory; otherwise the
    /// nearest folder of that name above the working directory or the program's own folder (so the host finds the
    /// repository's knowledge whether it is started from the repository root or from its project folder).
    /// </summary>
    public static string Resolve(string path)
    {
        if (System.IO.Path.IsPathRooted(path) || Directory.Exists(path))
        {
            return System.IO.Path.GetFullPath(path);
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                var candidate = System.IO.Path.Combine(d.FullName, path);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return System.IO.Path.GetFullPath(path);
    }

    /// <summary>Quiet time after the last file change before re-indexing, in milliseconds.</summary>
    [Range(0, 60_000)]
    public int ReloadDebounceMilliseconds { get; set; } = 500;

    /// <summary>
    /// The folder that holds the configured knowledge folder: relative data files (<c>data/cache</c>,
    /// <c>data/analytics.db</c>) live under it.
    /// </summary>
    public static string DataRoot(IServiceProvider services)
    {
        var options = (Microsoft.Extensions.Options.IOptions<KnowledgeOptions>?)services?.GetService(typeof(Microsoft.Extensions.Options.IOptions<KnowledgeOptions>));
        return System.IO.Path.GetDirectoryName(Resolve(options?.Value.Path ?? "knowledge")) ?? Directory.GetCurrentDirectory();
    }

    /// <summary>
    /// A copy of <paramref name="options"/> with <see cref="Path"/> resolved (<see cref="Resolve"/>) and a
    /// relative <see cref="EmbeddingCachePath"/> placed beside the knowledge folder.
    /// </summary>
    public static KnowledgeOptions Resolved(KnowledgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var copy = (KnowledgeOptions)options.MemberwiseClone();
        copy.Path = Resolve(options.Path);
        if (!string.IsNullOrWhiteSpace(options.EmbeddingCachePath) && !System.IO.Path.IsPathRooted(options.EmbeddingCachePath))
        {
            copy.EmbeddingCachePath = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(copy.Path) ?? ".", options.EmbeddingCachePath);
        }

        return copy;
    }
}
