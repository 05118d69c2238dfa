using System.Text.RegularExpressions;
using PainBot.Core.Knowledge;
using PainBot.Knowledge.Loading;
using PainBot.Knowledge.Tests.Support;

namespace PainBot.Knowledge.Tests;

/// <summary>The clinical content standards every shipped passage meets (knowledge/README.md, knowledge/REVIEW.md).</summary>
public sealed partial class ContentStandardsTests
{
    // The clinic's seed guide is a promotional article: it may back a clinic-specific statement, never alone.
    private const string SeedGuide = "clinic source guide";

    private static readonly KnowledgeBase Shipped = ShippedKnowledge.Base;

    public static TheoryData<string> PassageIds() => ShippedKnowledge.PassageIds();

    [Theory]
    [MemberData(nameof(PassageIds))]
    public void Passage_HasANonSeedSource_AReviewDate_AndNoPlaceholderLeft(string id)
    {
        var passage = Shipped.Passages.Single(p => p.Id == id);

        Assert.Contains(passage.Sources, s => !s.Contains(SeedGuide, StringComparison.OrdinalIgnoreCase) && s.Trim().Length > 5);
        Assert.InRange(passage.Reviewed, new DateOnly(2024, 1, 1), DateOnly.FromDateTime(DateTime.UtcNow.AddDays(1)));
        foreach (var text in new[] { passage.Title, passage.Body }.Concat(passage.Questions))
        {
            Assert.DoesNotMatch(Unfilled(), text);
        }
    }

    [Fact]
    public void Shipped_HasPassagesOnEveryTopic()
    {
        var covered = Shipped.Passages.Select(p => p.Topic).ToHashSet(StringComparer.Ordinal);
        Assert.All(Shipped.Topics.Keys, t => Assert.Contains(t, covered));
    }

    // Template leftovers: {{...}}, TODO/TBD/FIXME, [citation needed], "lorem ipsum", XX placeholders.
    [GeneratedRegex(@"\{\{|\}\}|\bTODO\b|\bTBD\b|\bFIXME\b|\[citation needed\]|lorem ipsum|\bXX+\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Unfilled();
}
