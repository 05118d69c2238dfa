namespace PainBot.Generation.Tests.Support;

internal static class Repo
{
    public static string Root()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "PainBot.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("PainBot.sln not found above the test binaries.");
    }

    public static string Prompts => Path.Combine(Root(), "prompts");
}
