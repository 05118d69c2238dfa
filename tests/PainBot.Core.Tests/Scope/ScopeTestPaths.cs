namespace PainBot.Core.Tests.Scope;

/// <summary>Finds the repository (the folder holding PainBot.sln) and the shared evaluation sets from the test binaries.</summary>
internal static class ScopeTestPaths
{
    public static string RepoRoot { get; } = FindUp(dir => File.Exists(Path.Combine(dir, "PainBot.sln")))
        ?? throw new InvalidOperationException($"No folder containing PainBot.sln above {AppContext.BaseDirectory}.");

    public static string KnowledgeFolder => Path.Combine(RepoRoot, "knowledge");

    public static string ScopeFolder => Path.Combine(KnowledgeFolder, "scope");

    public static string CasesFile => Path.Combine(RepoRoot, "tests", "PainBot.Core.Tests", "Scope", "scope_cases.jsonl");

    /// <summary>The shared evaluation folder (<c>shared/eval</c>) above the test binaries, or null when this checkout has none.</summary>
    public static string? SharedEvalFolder =>
        FindUp(dir => Directory.Exists(Path.Combine(dir, "shared", "eval"))) is { } root ? Path.Combine(root, "shared", "eval") : null;

    /// <summary>The path of a file in <c>shared/eval</c>, or null when it does not exist.</summary>
    public static string? SharedEvalFile(string fileName) =>
        SharedEvalFolder is { } folder && File.Exists(Path.Combine(folder, fileName)) ? Path.Combine(folder, fileName) : null;

    private static string? FindUp(Func<string, bool> found)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (found(dir.FullName))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
