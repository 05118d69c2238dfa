using System.Text.Json;
using PainBot.Core.Knowledge;
using PainBot.Knowledge.Embeddings;
using PainBot.Knowledge.Tests.Support;

namespace PainBot.Knowledge.Tests;

/// <summary>The real knowledge with the real MiniLM model, loaded once for the class.</summary>
public sealed class RealKnowledgeFixture : IDisposable
{
    private readonly MiniLmEmbedder _embedder = new();

    public RealKnowledgeFixture()
    {
        Service = Services.Knowledge(Path.Combine(Services.RepoRoot(), "knowledge"), _embedder, Path.Combine(Services.RepoRoot(), "data", "cache"));
        Service.Load();
    }

    public KnowledgeService Service { get; }

    public void Dispose()
    {
        Service.Dispose();
        _embedder.Dispose();
    }
}

public sealed class GoldenQuestionTests(RealKnowledgeFixture fixture) : IClassFixture<RealKnowledgeFixture>
{
    private sealed record Golden(string Text, string[] Topics, string? Audience);

    public static TheoryData<string, string> GoldenQuestions()
    {
        var data = new TheoryData<string, string>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "golden_questions.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            data.Add(doc.RootElement.GetProperty("text").GetString()!, string.Join(",", doc.RootElement.GetProperty("topics").EnumerateArray().Select(e => e.GetString())));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GoldenQuestions))]
    public void Search_GoldenQuestion_FindsALabelledTopicInTopThree(string question, string topics)
    {
        var wanted = topics.Split(',');

        var result = fixture.Service.Search(new SearchRequest(question, Audience.Patient, 3));

        Assert.Contains(result.Hits, h => wanted.Contains(h.Passage.Topic));
    }

    [SharedEvalFact("retrieval_dev.jsonl")]
    public void Search_DevelopmentSet_MeetsRecallTargets()
    {
        var path = Services.SharedEval("retrieval_dev.jsonl");
        int n = 0, at1 = 0, at3 = 0;
        foreach (var line in File.ReadLines(path!).Where(l => l.Length > 0))
        {
            using var doc = JsonDocument.Parse(line);
            var topics = doc.RootElement.GetProperty("topics").EnumerateArray().Select(e => e.GetString()).ToHashSet();
            var audience = doc.RootElement.TryGetProperty("audience", out var a) && a.GetString() == "staff" ? Audience.Staff : Audience.Patient;
            var hits = fixture.Service.Search(new SearchRequest(doc.RootElement.GetProperty("text").GetString()!, audience, 3)).Hits;
            n++;
            at1 += hits.Count > 0 && topics.Contains(hits[0].Passage.Topic) ? 1 : 0;
            at3 += hits.Any(h => topics.Contains(h.Passage.Topic)) ? 1 : 0;
        }

        Assert.True(at3 / (double)n >= 0.90, $"recall@3 {at3 / (double)n:0.000}");
        Assert.True(at1 / (double)n >= 0.70, $"recall@1 {at1 / (double)n:0.000}");
    }

    [Theory]
    [InlineData("what is the best pizza topping")]
    [InlineData("how do I renew my passport")]
    public void Search_OffTopicQuestion_HasLowConfidence(string question) =>
        Assert.True(fixture.Service.Search(new SearchRequest(question)).Confidence < 0.5);

    [Fact]
    public void Search_ClearQuestion_HasHighConfidence() =>
        Assert.True(fixture.Service.Search(new SearchRequest("does acupuncture help chronic low back pain")).Confidence >= 0.7);
}
