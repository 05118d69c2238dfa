namespace PainBot.Web.Tests.BotFramework.Support;

/// <summary>Finds the repository (the folder holding PainBot.sln) from the test's output folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Knowledge => Path.Combine(Root, "knowledge");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PainBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PainBot.sln not found above " + AppContext.BaseDirectory);
    }
}
