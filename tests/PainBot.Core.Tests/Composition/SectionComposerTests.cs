using PainBot.Core.Composition;
using PainBot.Core.Content;
using PainBot.Core.Knowledge;

namespace PainBot.Core.Tests.Composition;

public sealed class SectionComposerTests
{
    private const string Long = """
        Acupuncture is a course of sessions, not one visit.

        **What it is**
        Thin needles are placed at chosen points on the body by a licensed practitioner who has trained for years.

        **Typical courses**
        - Tension headache: at least six sessions.
        - Back pain: up to twelve visits in ninety days.

        Before you book, these questions help:
        - Is the practitioner licensed?
        - What will it cost in total with my plan?

        **Who should be careful**
        - People on blood thinners or with a pacemaker should tell the practitioner before the first session starts.
        """;

    private static readonly FacetDefinition Timing = new() { Asks = ["how many sessions", "how long"], AnsweredBy = ["session*", "course"] };
    private static readonly FacetDefinition Cost = new() { Asks = ["cost"], AnsweredBy = ["cost*", "insurance"], Elsewhere = "access-insurance", Name = "costs" };

    private static Passage Passage(string id, string topic, string body) =>
        new(id, topic, id.Replace('-', ' '), Audience.Both, ["Test source"], new DateOnly(2026, 1, 1), [], [], body, id + ".md");

    [Fact]
    public void Sections_KeepAHeadingOrLeadInWithAllOfItsBullets()
    {
        var sections = PassageSections.Of(Long);

        Assert.Equal(5, sections.Count);
        Assert.True(sections[0].IsLead);
        Assert.Equal("Typical courses", sections[2].Heading);
        Assert.Contains("twelve visits", sections[2].Markdown, StringComparison.Ordinal);
        Assert.Equal("Before you book, these questions help", sections[3].Heading);
        Assert.Contains("What will it cost", sections[3].Markdown, StringComparison.Ordinal);
        Assert.All(sections.Skip(1), s => Assert.False(s.IsLead));
    }

    [Fact]
    public void ShortPassage_IsShownWhole()
    {
        var answer = ExtractiveComposer.Compose(new ComposeRequest("anything", Audience.Patient, [new SearchHit(Passage("acu", "physical-acupuncture", Long), 1)], 200));

        foreach (var line in Long.Split('\n').Where(l => l.Trim().Length > 0))
        {
            Assert.Contains(line.Trim(), answer.Markdown, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void LongPassage_ShowsTheLeadAndTheSectionThatAnswersTheFacet_Whole()
    {
        var request = new ComposeRequest("how many sessions will i need", Audience.Patient, [new SearchHit(Passage("acu", "physical-acupuncture", Long), 1)], 30)
        {
            Facets = new Dictionary<string, FacetDefinition> { ["timing"] = Timing },
        };

        var answer = ExtractiveComposer.Compose(request).Markdown;

        Assert.StartsWith("Acupuncture is a course of sessions, not one visit. [1]", answer, StringComparison.Ordinal);
        Assert.Contains("**Typical courses**\n- Tension headache: at least six sessions.\n- Back pain: up to twelve visits in ninety days. [1]", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("Who should be careful", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("Thin needles", answer, StringComparison.Ordinal);
    }

    [Fact]
    public void NamedSecondTopic_AddsItsPassage_AndAFacetNoSectionAnswersIsReported()
    {
        var yoga = Passage("yoga-evidence", "mind-body-yoga", "Yoga may help back pain.\n\n**Who it helps**\n- People with chronic low back pain.");
        var hits = new[] { new SearchHit(Passage("acu", "physical-acupuncture", Long), 1), new SearchHit(yoga, 0.7) };
        var request = new ComposeRequest("acupuncture or yoga, what does it cost", Audience.Patient, hits, 30)
        {
            Facets = new Dictionary<string, FacetDefinition> { ["cost"] = Cost },
        };

        var answer = ExtractiveComposer.Compose(request);

        Assert.Equal(["acu", "yoga-evidence"], answer.Citations.Select(c => c.PassageId));
        Assert.Contains("**yoga evidence**", answer.Markdown, StringComparison.Ordinal);
        Assert.Contains("[2]", answer.Markdown, StringComparison.Ordinal);
        // The "Before you book" section mentions cost in a bullet, not in its lead-in: the facet is not answered.
        Assert.Equal(["cost"], answer.UnansweredFacets);
    }
}
