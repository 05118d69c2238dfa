namespace PainBot.Cli.Commands;

/// <summary>Where the shared development sets are found by default: ../shared/eval beside the repository.</summary>
internal static class EvalPaths
{
    public static string Default(string file)
    {
        var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
        for (var d = dir; d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "..", "shared", "eval", file);
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return Path.Combine("..", "shared", "eval", file);
    }
}
