using PainBot.Core.Knowledge;
using PainBot.Knowledge.Search;

namespace PainBot.Knowledge.Tests;

public class LuceneIndexTests
{
    private static Passage P(string id, string title, string body) =>
        new(id, "faq-general", title, Audience.Patient, ["test"], new DateOnly(2026, 1, 1), [], [], body, "test.md");

    private static readonly Passage[] First =
    [
        P("heat", "Heat for stiff muscles", "A warm pack can ease stiff muscles and joint stiffness."),
        P("ice", "Ice after a strain", "Cold packs help swelling after a fresh strain."),
        P("walk", "Walking", "Short walks keep joints moving."),
    ];

    private static readonly Passage[] Second =
    [
        P("heat", "Heat", "Warmth relaxes tight muscles."),
        P("ice", "Ice for stiffness", "Cold can also ease stiffness and stiff joints after exercise, and stiffness in the morning."),
        P("sleep", "Sleep", "A regular bedtime helps pain."),
        P("walk", "Walking", "Short walks keep joints moving."),
    ];

    private static List<(string Id, float Score)> Search(LuceneIndex index, string question) =>
        [.. index.Search(index.Terms(question), [], 0.5f, Audience.Patient, 10).Select(h => (h.Id, h.Score))];

    [Fact]
    public void Search_AfterRebuild_ScoresAgainstTheNewIndexOnly()
    {
        // The vocabulary and term states a search reuses belong to one reader: after a rebuild, results and scores must be exactly
        // those of an index that only ever held the new content, not stale frequencies or documents.
        using var reused = new LuceneIndex(null);
        reused.Rebuild(First, p => p.Topic);
        var before = Search(reused, "stiff muscles");
        Assert.Equal("heat", before[0].Id);

        reused.Rebuild(Second, p => p.Topic);
        using var fresh = new LuceneIndex(null);
        fresh.Rebuild(Second, p => p.Topic);

        var after = Search(reused, "stiff muscles");
        Assert.Equal(Search(fresh, "stiff muscles"), after);
        Assert.Equal("ice", after[0].Id);
        Assert.DoesNotContain(after, h => h.Id == "sleep");
    }

    [Fact]
    public void Search_RepeatedAndConcurrent_GivesTheSameScores()
    {
        using var index = new LuceneIndex(null);
        index.Rebuild(Second, p => p.Topic);
        string[] questions = ["stiff joints in the morning", "cold or warm for tight muscles", "walks and sleep", "stiffness after exercise"];
        var expected = questions.Select(q => Search(index, q)).ToList();

        var results = new List<(string Id, float Score)>[questions.Length * 50];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => results[i] = Search(index, questions[i % questions.Length]));

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(expected[i % questions.Length], results[i]);
        }
    }
}
