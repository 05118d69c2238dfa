namespace PainBot.Core.Tests.Safety;

/// <summary>Finds the repository's folders by walking up from the test's base directory.</summary>
internal static class SafetyTestPaths
{
    /// <summary>The folder containing PainBot.sln.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PainBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"PainBot.sln not found above {AppContext.BaseDirectory}");
    }

    public static string SafetyFolder() => Path.Combine(RepoRoot(), "knowledge", "safety");

    /// <summary>The first <c>shared/eval/{name}</c> found walking up, or null.</summary>
    public static string? SharedEvalFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "eval", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
