using System.Text.Json;

namespace PainBot.Cli.Tests;

public sealed class CliTests
{
    private static readonly Dictionary<string, string?> Settings = TestSettings.Default;

    private static async Task<(int Code, string Out, string Err)> Run(string stdin, Dictionary<string, string?>? settings, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, new StringReader(stdin), output, error, settings ?? Settings);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task SearchJsonl_EachLine_GetsOneContractLineInInputOrder()
    {
        const string input = """
            {"id": "q1", "text": "does acupuncture help sciatica?"}
            {"id": "q2", "text": "what is in the front desk script for insurance questions", "audience": "staff"}

            not json at all
            {"text": "no id here but fine"}
            {"id": "q5"}
            """;

        var (code, stdout, _) = await Run(input, null, "search", "--jsonl");

        Assert.Equal(0, code);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        var docs = lines.Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(["q1", "q2", "line-4", "line-5", "q5"], docs.Select(d => d.GetProperty("id").GetString()));

        var first = docs[0];
        Assert.Equal(["id", "sources", "confidence"], first.EnumerateObject().Select(p => p.Name));
        var sources = first.GetProperty("sources").EnumerateArray().ToList();
        Assert.InRange(sources.Count, 1, 10);
        Assert.All(sources, s => Assert.Equal(["id", "topic", "title", "score"], s.EnumerateObject().Select(p => p.Name)));
        var scores = sources.Select(s => s.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderByDescending(x => x), scores);
        Assert.InRange(first.GetProperty("confidence").GetDouble(), 0, 1);

        Assert.True(docs[2].TryGetProperty("error", out _));
        Assert.True(docs[4].TryGetProperty("error", out var missing));
        Assert.Contains("text", missing.GetString(), StringComparison.Ordinal);
        Assert.False(docs[3].TryGetProperty("error", out _));
    }

    [Fact]
    public async Task SearchJsonl_FromFile_ReadsTheFile()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "{\"id\":\"a\",\"text\":\"tai chi for arthritis\"}\n");
        try
        {
            var (code, stdout, _) = await Run(string.Empty, null, "search", "--jsonl", file);

            Assert.Equal(0, code);
            Assert.Equal("a", JsonDocument.Parse(stdout.Trim()).RootElement.GetProperty("id").GetString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Search_HumanReadable_ShowsTitlesAndTopics()
    {
        var (code, stdout, _) = await Run(string.Empty, null, "search", "is", "yoga", "good", "for", "back", "pain");

        Assert.Equal(0, code);
        Assert.Contains("mind-body-yoga", stdout, StringComparison.Ordinal);
        Assert.Contains(" 1. ", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCommand_MissingKnowledgeFolder_ExitsNonZeroWithAClearMessage()
    {
        var settings = new Dictionary<string, string?>(Settings) { ["Knowledge:Path"] = "/nonexistent/knowledge" };

        var (code, stdout, stderr) = await Run(string.Empty, settings, "search", "massage");

        Assert.Equal(1, code);
        Assert.Empty(stdout);
        Assert.Contains("does not exist", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCommandOrOption_ExitsWithUsage()
    {
        Assert.Equal(2, (await Run(string.Empty, null, "frobnicate")).Code);
        var (code, _, err) = await Run(string.Empty, null, "search", "--bogus", "x");
        Assert.Equal(2, code);
        Assert.Contains("--bogus", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_WritesAnOnDiskIndex()
    {
        var dir = Path.Combine(Path.GetTempPath(), "painbot-index-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (code, _, stderr) = await Run(string.Empty, null, "index", "--out", dir);

            Assert.Equal(0, code);
            Assert.Contains("Indexed", stderr, StringComparison.Ordinal);
            Assert.NotEmpty(Directory.GetFiles(dir, "segments*"));
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Eval_PrintsAllThreeRankings()
    {
        var set = Path.GetTempFileName();
        await File.WriteAllTextAsync(set, "{\"id\":\"e1\",\"text\":\"does massage help neck pain\",\"topics\":[\"physical-massage\"]}\n");
        try
        {
            var (code, stdout, _) = await Run(string.Empty, null, "eval", "--retrieval", set);

            Assert.Equal(0, code);
            Assert.Contains("BM25", stdout, StringComparison.Ordinal);
            Assert.Contains("dense", stdout, StringComparison.Ordinal);
            Assert.Contains("fused", stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(set);
        }
    }
}
