using PainBot.Core.Content;
using PainBot.Core.Knowledge;
using PainBot.Knowledge.Loading;
using PainBot.Knowledge.Tests.Support;

namespace PainBot.Knowledge.Tests;

public sealed class KnowledgeLoaderTests
{
    private static readonly Dictionary<string, string> Clinic = new(new ClinicOptions().Placeholders());

    /// <summary>The problems reported, one per line after the message's first line.</summary>
    private static string[] LoadFails(TempKnowledge k) =>
        [.. Assert.Throws<ContentException>(() => new KnowledgeLoader(Clinic).Load(k.Root)).Message.Split('\n').Skip(1).Select(l => l.Trim())];

    [Fact]
    public void Load_ValidFolder_ReturnsPassagesTopicsAndSynonyms()
    {
        using var k = new TempKnowledge();
        k.WritePassage("acu-what", "physical-acupuncture", "What is acupuncture?", "Thin needles are placed in the skin.", questions: "what are the needles for");

        var kb = new KnowledgeLoader(Clinic).Load(k.Root);

        var p = Assert.Single(kb.Passages);
        Assert.Equal("acu-what", p.Id);
        Assert.Equal("physical-acupuncture", p.Topic);
        Assert.Equal(Audience.Both, p.Audience);
        Assert.Equal(new DateOnly(2026, 11, 1), p.Reviewed);
        Assert.Equal(["what are the needles for"], p.Questions);
        Assert.Equal(3, kb.Topics.Count);
        Assert.Equal(2, kb.Synonyms.Count);
    }

    [Fact]
    public void Load_MissingFolder_ReportsTheFolder()
    {
        var ex = Assert.Throws<ContentException>(() => new KnowledgeLoader(Clinic).Load("/nonexistent/painbot-knowledge"));
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingRequiredKey_NamesFileAndKey()
    {
        using var k = new TempKnowledge();
        k.Write("passages/physical-acupuncture/x.md", "---\nid: x\ntopic: physical-acupuncture\ntitle: T\naudience: both\nreviewed: 2026-01-01\n---\nBody.\n");

        Assert.Equal("passages/physical-acupuncture/x.md:2: 'sources': required key is missing", Assert.Single(LoadFails(k)));
    }

    [Fact]
    public void Load_UnknownTopic_NamesTheTopicAndLine()
    {
        using var k = new TempKnowledge();
        k.WritePassage("x", "physical-reiki", "T", "Body.");

        Assert.StartsWith("passages/physical-reiki/x.md:3: 'topic': unknown topic 'physical-reiki'", Assert.Single(LoadFails(k)), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DuplicateIds_NamesBothFiles()
    {
        using var k = new TempKnowledge();
        k.WritePassage("same", "physical-acupuncture", "A", "Body one.");
        k.Write("passages/physical-massage/other.md", TempKnowledge.Passage("same", "physical-massage", "B", "Body two."));

        var error = Assert.Single(LoadFails(k));
        Assert.StartsWith("passages/physical-massage/other.md:2: 'id': duplicate id 'same'", error, StringComparison.Ordinal);
        Assert.Contains("physical-acupuncture/same.md", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EmptyBody_IsAnError()
    {
        using var k = new TempKnowledge();
        k.WritePassage("x", "physical-acupuncture", "T", "   ");

        Assert.Equal("passages/physical-acupuncture/x.md:11: the body after the front matter is empty", Assert.Single(LoadFails(k)));
    }

    [Fact]
    public void Load_BadYaml_ReportsLine()
    {
        using var k = new TempKnowledge();
        k.Write("passages/physical-acupuncture/x.md", "---\nid: x\ntopic: physical: acupuncture\ntitle: T\n---\nBody.\n");

        Assert.StartsWith("passages/physical-acupuncture/x.md:3: not valid YAML", Assert.Single(LoadFails(k)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("audience: everyone", "audience", "x.md:5: 'audience': 'everyone' must be patient, staff or both")]
    [InlineData("reviewed: last week", "reviewed", "x.md:8: 'reviewed': 'last week' is not a date")]
    [InlineData("id: Not_Kebab", "id", "x.md:2: 'id': 'Not_Kebab' is not kebab-case")]
    [InlineData("sources: one", "sources", "x.md:6: expected a list, found a single value")]
    [InlineData("title: [a, b]", "title", "x.md:4: expected a single value")]
    public void Load_BadValue_NamesFileLineAndKey(string replacement, string key, string expected)
    {
        using var k = new TempKnowledge();
        var text = TempKnowledge.Passage("x", "physical-acupuncture", "T", "Body.");
        var line = text.Split('\n').First(l => l.StartsWith(key + ":", StringComparison.Ordinal));
        k.Write("passages/physical-acupuncture/x.md", text.Replace(line, replacement, StringComparison.Ordinal));

        Assert.Contains(LoadFails(k), e => e.StartsWith("passages/physical-acupuncture/" + expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_UnknownKey_IsReportedSoTyposAreCaught()
    {
        using var k = new TempKnowledge();
        k.Write("passages/physical-acupuncture/x.md", TempKnowledge.Passage("x", "physical-acupuncture", "T", "Body.").Replace("reviewed:", "questons: [a]\nreviewed:", StringComparison.Ordinal));

        Assert.StartsWith("passages/physical-acupuncture/x.md:8: unknown key 'questons' (allowed: id, topic,", Assert.Single(LoadFails(k)), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoFrontMatter_IsAnError()
    {
        using var k = new TempKnowledge();
        k.Write("passages/physical-acupuncture/x.md", "# Just a heading\nText.\n");

        Assert.StartsWith("passages/physical-acupuncture/x.md:1: must start with a '---' line", Assert.Single(LoadFails(k)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("---\n---\nBody.\n", "x.md:2: the front matter is empty")]
    [InlineData("---\nid: x\nBody.\n", "x.md:1: the front matter is not closed")]
    public void Load_BrokenFrontMatter_NamesFileAndLine(string text, string expected)
    {
        using var k = new TempKnowledge();
        k.Write("passages/physical-acupuncture/x.md", text);

        Assert.StartsWith("passages/physical-acupuncture/" + expected, Assert.Single(LoadFails(k)), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ClinicPlaceholder_IsFilledFromConfiguration()
    {
        using var k = new TempKnowledge();
        k.WritePassage("x", "access-insurance", "Calling {{clinic.name}}", "Call {{clinic.phone}} to check your plan.");
        var values = new ClinicOptions { Name = "Riverside Pain Clinic", Phone = "555-0100" }.Placeholders();

        var p = Assert.Single(new KnowledgeLoader(values).Load(k.Root).Passages);

        Assert.Equal("Calling Riverside Pain Clinic", p.Title);
        Assert.Equal("Call 555-0100 to check your plan.", p.Body);
    }

    [Fact]
    public void Load_UnknownPlaceholder_IsAnError()
    {
        using var k = new TempKnowledge();
        k.WritePassage("x", "access-insurance", "T", "Call {{clinic.fax}}.");

        Assert.StartsWith("passages/access-insurance/x.md:11: unknown placeholder '{{clinic.fax}}'", Assert.Single(LoadFails(k)), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BrokenSynonyms_IsAnError()
    {
        using var k = new TempKnowledge();
        k.WritePassage("x", "physical-acupuncture", "T", "Body.");
        k.Write("synonyms.yaml", "synonyms:\n  - when: [needles]\n");

        Assert.Equal("synonyms.yaml:2: each entry needs non-empty 'when' and 'expand' lists of words", Assert.Single(LoadFails(k)));
    }

    [Fact]
    public void Load_SeveralProblems_AreAllReportedTogether()
    {
        using var k = new TempKnowledge();
        k.WritePassage("a", "nope", "T", "Body.");
        k.WritePassage("b", "physical-acupuncture", "T", " ");

        Assert.Equal(2, LoadFails(k).Length);
    }

    [Fact]
    public void Load_RealKnowledge_IsValidAndCoversEveryTopicThreeTimes()
    {
        var kb = new KnowledgeLoader(Clinic).Load(Path.Combine(Services.RepoRoot(), "knowledge"));

        Assert.True(kb.Passages.Count >= 150, $"only {kb.Passages.Count} passages");
        foreach (var topic in kb.Topics.Keys)
        {
            Assert.True(kb.Passages.Count(p => p.Topic == topic) >= 3, $"topic {topic} has fewer than 3 passages");
        }

        Assert.All(kb.Passages.Where(p => p.Topic == "faq-general"), p => Assert.NotEmpty(p.Questions));
        Assert.DoesNotContain(kb.Passages, p => p.Body.Contains("{{", StringComparison.Ordinal));
    }
}
