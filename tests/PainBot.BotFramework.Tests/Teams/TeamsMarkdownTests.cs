using PainBot.BotFramework.Teams;

namespace PainBot.BotFramework.Tests.Teams;

public sealed class TeamsMarkdownTests
{
    [Theory]
    [InlineData("## Heat or ice?", "**Heat or ice?**")]
    [InlineData("# Title #", "**Title**")]
    [InlineData("**Bold** and *italic* and ~~struck~~", "**Bold** and *italic* and ~~struck~~")]
    [InlineData("- one\n- two\n1. first", "- one\n- two\n1. first")]
    [InlineData("> quoted", "> quoted")]
    [InlineData("[Clinic](https://example.org/a)", "[Clinic](https://example.org/a)")]
    [InlineData("before\n---\nafter", "before\nafter")]
    [InlineData("before\n* * *\nafter", "before\nafter")]
    [InlineData("![Stretch diagram](https://example.org/s.png)", "[Stretch diagram](https://example.org/s.png)")]
    [InlineData("| Therapy | Evidence |\n|---|:---:|\n| Heat | moderate |", "Therapy · Evidence\nHeat · moderate")]
    [InlineData("```\n# not a header\n| a | b |\n```", "```\n# not a header\n| a | b |\n```")]
    [InlineData("#hashtag stays", "#hashtag stays")]
    public void Convert_Cases(string markdown, string expected) =>
        Assert.Equal(expected, TeamsMarkdown.Convert(markdown));
}
