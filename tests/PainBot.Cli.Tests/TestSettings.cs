namespace PainBot.Cli.Tests;

internal static class TestSettings
{
    public static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "PainBot.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("PainBot.sln not found");
    }

    public static Dictionary<string, string?> Default => new()
    {
        ["Knowledge:Path"] = Path.Combine(RepoRoot(), "knowledge"),
        ["Knowledge:EmbeddingCachePath"] = Path.Combine(RepoRoot(), "data", "cache"),
        ["Knowledge:WatchForChanges"] = "false",
    };
}
