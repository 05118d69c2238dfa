using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PainBot.Core.Knowledge;
using PainBot.Knowledge.Embeddings;

namespace PainBot.Knowledge.Tests.Support;

internal static class Services
{
    public static KnowledgeService Knowledge(string path, ITextEmbedder? embedder, string? cachePath = null, bool watch = false, FusionMethod fusion = FusionMethod.Weighted, int queryCacheSize = 2048) =>
        new(
            Options.Create(new KnowledgeOptions
            {
                Path = path,
                EmbeddingCachePath = cachePath,
                Dense = embedder is not null,
                WatchForChanges = watch,
                ReloadDebounceMilliseconds = 100,
                Fusion = fusion,
                QueryEmbeddingCacheSize = queryCacheSize,
            }),
            Options.Create(new ClinicOptions()),
            NullLogger<KnowledgeService>.Instance,
            embedder);

    /// <summary>The whole content store over <paramref name="knowledge"/>'s folder.</summary>
    public static ContentStore Content(KnowledgeService knowledge, bool watch = false) =>
        new(
            knowledge,
            Options.Create(new KnowledgeOptions { Path = knowledge.Folder, WatchForChanges = watch, ReloadDebounceMilliseconds = 100 }),
            Options.Create(new PainBot.Core.Safety.SafetyOptions()),
            Options.Create(new ClinicOptions()),
            NullLoggerFactory.Instance);

    /// <summary>The repository root (the folder holding PainBot.sln).</summary>
    public static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "PainBot.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("PainBot.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The shared development sets, when the repository sits beside shared/.</summary>
    public static string? SharedEval(string file)
    {
        var path = Path.Combine(RepoRoot(), "..", "shared", "eval", file);
        return File.Exists(path) ? Path.GetFullPath(path) : null;
    }
}
