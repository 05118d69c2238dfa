using PainBot.Core.Knowledge;
using PainBot.Knowledge.Loading;
using PainBot.Knowledge.Search;
using PainBot.Knowledge.Tests.Support;

namespace PainBot.Knowledge.Tests;

public sealed class SynonymExpanderTests
{
    private static readonly SynonymExpander Small = new([
        new SynonymRule(["needles", "needle therapy"], ["acupuncture"]),
        new SynonymRule(["spine cracking"], ["chiropractic", "spinal manipulation"]),
    ]);

    [Fact]
    public void Expand_LayWord_AddsClinicalWord() =>
        Assert.Equal(["acupuncture"], Small.Expand("Do NEEDLES help?"));

    [Fact]
    public void Expand_MultiWordPhrase_MatchesAcrossPunctuation() =>
        Assert.Equal(["chiropractic", "spinal manipulation"], Small.Expand("is spine-cracking safe"));

    [Fact]
    public void Expand_PartOfAWord_DoesNotMatch() =>
        Assert.Empty(Small.Expand("needlessly worried"));

    [Fact]
    public void Expand_WordAlreadyPresent_IsNotRepeated() =>
        Assert.Empty(Small.Expand("acupuncture needles"));

    [Theory]
    [InlineData("does getting needled help", "acupuncture")]
    [InlineData("is spine cracking safe for my neck", "chiropractic")]
    [InlineData("my sciatica is bad", "back")]
    [InlineData("my tummy hurts after ibuprofen", "stomach")]
    public void Expand_ShippedSynonyms_MapPatientWords(string question, string expected)
    {
        var kb = new KnowledgeLoader(new ClinicOptions().Placeholders()).Load(Path.Combine(Services.RepoRoot(), "knowledge"));

        var extra = new SynonymExpander(kb.Synonyms).Expand(question);

        Assert.Contains(extra, w => w.Contains(expected, StringComparison.Ordinal));
    }
}
