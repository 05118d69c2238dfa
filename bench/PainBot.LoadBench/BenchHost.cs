namespace PainBot.LoadBench;

/// <summary>What every benchmarked host is started with: the repository's knowledge and cache, and the few limits a benchmark would otherwise hit.</summary>
internal static class BenchHost
{
    /// <summary>The Direct Line secret the benchmark's hosts share (a fixed one, so two instances accept each other's tokens).</summary>
    public const string Secret = "painbot-loadbench-fixed-direct-line-secret-0001";

    /// <summary>The folder holding PainBot.sln.</summary>
    public static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "PainBot.sln")))
            {
                return d.FullName;
            }
        }

        throw new DirectoryNotFoundException("PainBot.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The host's own configuration keys; only the limits that a benchmark would otherwise hit are changed.</summary>
    public static Dictionary<string, string> Settings(string root) => new(StringComparer.Ordinal)
    {
        ["Knowledge__Path"] = Path.Combine(root, "knowledge"),
        ["Knowledge__EmbeddingCachePath"] = Path.Combine(root, "data", "cache"),
        ["Knowledge__WatchForChanges"] = "false",

        // The scripts repeat their questions; without this every turn after the first round would skip embedding the
        // question (the host caches question vectors by exact text), which real, varied traffic mostly would not.
        ["Knowledge__QueryEmbeddingCacheSize"] = "0",
        ["DirectLine__Secret"] = Secret,
        ["DirectLine__MaxConversations"] = "1000000",
    };
}
