using PainBot.Core.Safety.Rules;

namespace PainBot.Core.Tests.Safety;

public class PatternMatchingTests
{
    private static bool Matches(string pattern, string message)
    {
        var term = PatternCompiler.Compile(pattern, out var error) ?? throw new InvalidOperationException(error);
        var words = TextNormalizer.Normalize(message);
        return Enumerable.Range(0, words.Count).Any(i => term.MatchAt(words, i) >= 0);
    }

    [Theory]
    [InlineData("hope i do not wake up", "some nights i hope i just don't wake up")]
    [InlineData("hope i do not wake up", "i hope i honestly really don't wake up")]
    [InlineData("peeing less", "i'm peeing way less than normal")]
    [InlineData("can not feel ... legs", "she can't even feel her legs")]
    public void Phrase_WithFillersInside_Matches(string pattern, string message) => Assert.True(Matches(pattern, message));

    [Theory]
    [InlineData("hope i do not wake up", "i hope i just really honestly don't wake up")] // more than two fillers in a row
    [InlineData("hope i do not wake up", "i hope i almost don't wake up")] // "almost" changes the meaning: not a filler
    [InlineData("chest pain", "chest. just pain")] // never across a sentence end
    public void Phrase_FillerLimits_AreKept(string pattern, string message) => Assert.False(Matches(pattern, message));

    [Theory]
    [InlineData("can not get ... words out", "he couldn't get his words out")]
    [InlineData("can not get ... words out", "she could not get her words out")]
    [InlineData("can not feel ... legs", "my dad couldnt feel his legs this morning")]
    public void CouldNot_ReadsAsCanNot(string pattern, string message) => Assert.True(Matches(pattern, message));

    [Fact]
    public void Could_WithoutNot_IsUnchanged()
    {
        Assert.Equal(["i", "could", "die", "of", "embarrassment"], TextNormalizer.Normalize("I could die of embarrassment").Select(t => t.Text));
        Assert.Equal(["i", "can", "not", "sleep"], TextNormalizer.Normalize("I couldn't sleep").Select(t => t.Text));
    }
}
