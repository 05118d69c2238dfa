using PainBot.BotFramework.Teams;

namespace PainBot.BotFramework.Tests.Teams;

public sealed class TeamsMessageSplitterTests
{
    [Fact]
    public void Split_Short_OnePart() => Assert.Equal(["short answer"], TeamsMessageSplitter.Split("short answer"));

    [Fact]
    public void Split_Long_PartsUnderLimitAtParagraphs()
    {
        var paragraph = string.Join(' ', Enumerable.Repeat("Gentle movement helps.", 40));
        var text = string.Join("\n\n", Enumerable.Repeat(paragraph, 60));

        var parts = TeamsMessageSplitter.Split(text, 5000);

        Assert.True(parts.Count > 1);
        Assert.All(parts, p => Assert.InRange(p.Length, 1, 5000));
        Assert.All(parts, p => Assert.StartsWith("Gentle", p, StringComparison.Ordinal));
        Assert.Equal(text.Replace("\n", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal),
            string.Concat(parts).Replace("\n", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void Split_NoBoundaries_HardCutWithoutBreakingSurrogates()
    {
        var text = string.Concat(Enumerable.Repeat("😀", 3000));

        var parts = TeamsMessageSplitter.Split(text, 1001);

        Assert.All(parts, p => Assert.False(char.IsHighSurrogate(p[^1])));
        Assert.Equal(text, string.Concat(parts));
    }

    [Fact]
    public void Split_DefaultLimit_UnderTeamsPayloadLimit() =>
        Assert.True(TeamsMessageSplitter.DefaultMaxCharacters * sizeof(char) < 100 * 1024);
}
