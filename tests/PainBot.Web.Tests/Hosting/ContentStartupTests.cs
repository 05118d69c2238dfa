using System.Net;
using PainBot.Web.Tests.BotFramework.Support;

namespace PainBot.Web.Tests.Hosting;

/// <summary>The host builds the whole content before it serves anyone, and refuses to start on any broken file.</summary>
public sealed class ContentStartupTests
{
    // One broken file of each kind the snapshot holds, and what the error must name.
    public static TheoryData<string, string, string> BrokenFiles() => new()
    {
        { "safety/urgent.yaml", "rules:\n  - id: urgent-x\n    level: sometimes\n", "urgent.yaml" },
        { "scope/scope-rules.yaml", "version: 1\nnot_a_section: []\n", "scope-rules.yaml" },
        { "responses.yaml", "welcome: |\n  hello\n", "responses.yaml" },
        { "passages/physical-acupuncture/acupuncture-broken.md", "---\nid: acupuncture-broken\ntopic: no-such-topic\n---\n", "acupuncture-broken.md" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void Host_RefusesToStart_OnABrokenFile(string relativePath, string content, string named)
    {
        using var folder = KnowledgeCopy.Create();
        File.WriteAllText(Path.Combine(folder.Root, relativePath), content);
        using var app = new BotApp(new Dictionary<string, string?> { ["Knowledge:Path"] = folder.Root });

        var error = Assert.ThrowsAny<Exception>(() => app.Start());

        Assert.Contains(named, Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_AfterStart_ReportsTheServedGeneration()
    {
        using var app = new BotApp(new Dictionary<string, string?>());
        using var http = app.Start();

        using var response = await http.GetAsync(new Uri("readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"generation\":", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string Flatten(Exception error)
    {
        var text = string.Empty;
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            text += e.Message + "\n";
        }

        return error is AggregateException all ? text + string.Join("\n", all.InnerExceptions.Select(Flatten)) : text;
    }

    /// <summary>A throw-away copy of the repository's knowledge folder.</summary>
    private sealed class KnowledgeCopy : IDisposable
    {
        private KnowledgeCopy(string root) => Root = root;

        public string Root { get; }

        public static KnowledgeCopy Create()
        {
            var root = Path.Combine(Path.GetTempPath(), "painbot-web-" + Guid.NewGuid().ToString("N"));
            foreach (var file in Directory.EnumerateFiles(RepoPaths.Knowledge, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(root, Path.GetRelativePath(RepoPaths.Knowledge, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            return new KnowledgeCopy(root);
        }

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }
}
