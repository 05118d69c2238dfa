using PainBot.Core.Dialog;

namespace PainBot.Core.Tests.Dialog;

public sealed class CommandRecognizerTests
{
    [Fact]
    public void EscalationSuggestions_AreEachHandledAsACommand()
    {
        Assert.Equal(Command.SafeNow, CommandRecognizer.Recognize(DialogManager.SafeNowSuggestion));
        Assert.Equal(Command.Handoff, CommandRecognizer.Recognize(DialogManager.HandoffSuggestion));
    }

    [Theory]
    [InlineData("I\u2019m safe now, let\u2019s continue")]
    [InlineData("im ok now")]
    [InlineData("I am safe.")]
    [InlineData("i'm fine now lets continue")]
    public void SafeNow_PlainWays(string text) => Assert.Equal(Command.SafeNow, CommandRecognizer.Recognize(text));

    // Anything more than the plain statement is a message to triage and answer, not a command.
    [Theory]
    [InlineData("i'm safe now but i still have the pills")]
    [InlineData("im not safe")]
    [InlineData("is it safe now to take ibuprofen")]
    public void SafeNow_NotForLongerMessages(string text) => Assert.NotEqual(Command.SafeNow, CommandRecognizer.Recognize(text));
}
