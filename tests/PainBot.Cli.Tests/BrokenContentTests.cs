namespace PainBot.Cli.Tests;

/// <summary>Every command that answers refuses to run on any broken file of the content, naming it.</summary>
public sealed class BrokenContentTests
{
    public static TheoryData<string, string, string> BrokenFiles() => new()
    {
        { "safety/crisis.yaml", "rules:\n  - id: crisis-x\n    level: crisis\n    match: 12\n", "crisis.yaml" },
        { "scope/scope-rules.yaml", "version: 1\nnot_a_section: []\n", "scope-rules.yaml" },
        { "responses.yaml", "welcome: |\n  hello\n", "responses.yaml" },
        { "passages/physical-massage/massage-broken.md", "---\nid: massage-broken\n---\n", "massage-broken.md" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public async Task Ask_RefusesToRun_NamingTheBrokenFile(string relativePath, string content, string named)
    {
        var root = Path.Combine(Path.GetTempPath(), "painbot-cli-" + Guid.NewGuid().ToString("N"));
        var source = Path.Combine(TestSettings.RepoRoot(), "knowledge");
        try
        {
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(root, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            File.WriteAllText(Path.Combine(root, relativePath), content);
            var settings = TestSettings.Default;
            settings["Knowledge:Path"] = root;
            settings["Knowledge:Dense"] = "false";
            var output = new StringWriter();
            var error = new StringWriter();

            var code = await CliApp.RunAsync(["ask", "--jsonl"], new StringReader("{\"id\":\"q1\",\"text\":\"does yoga help\"}\n"), output, error, settings);

            Assert.Equal(1, code);
            Assert.Empty(output.ToString());
            Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
