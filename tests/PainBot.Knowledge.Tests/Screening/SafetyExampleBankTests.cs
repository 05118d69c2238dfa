using PainBot.Core.Content;
using PainBot.Core.Safety;
using PainBot.Knowledge.Screening;
using PainBot.Knowledge.Tests.Support;

namespace PainBot.Knowledge.Tests.Screening;

public sealed class SafetyExampleBankTests
{
    [Fact]
    public void ShippedBank_LoadsEveryLine_WithEveryLevelAndManyOrdinaryMessages()
    {
        var bank = SafetyExampleBank.Load(Path.Combine(Services.RepoRoot(), "knowledge"));

        Assert.True(bank.Count >= 4000, $"{bank.Count} examples");
        Assert.All(LearnedScreenModel.Classes, level => Assert.Contains(bank, e => e.Level == level));
        Assert.True(bank.Count(e => e.Level == SafetyLevel.None) >= bank.Count * 0.4, "at least 40 % benign");
        Assert.Contains(bank, e => e.Previous is not null);
    }

    [Fact]
    public void BrokenLine_IsRejected_NamingFileAndLine()
    {
        using var k = new TempKnowledge();
        k.Write("safety/examples/a.jsonl", """
            {"text": "my chest is crushing and my left arm is numb", "label": "emergency"}
            {"text": "what does 988 do", "label": "benign", "prev": null}
            {"text": "no label here"}
            """);

        var error = Assert.Throws<ContentException>(() => SafetyExampleBank.Load(k.Root));

        Assert.Contains("a.jsonl:3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoBank_IsEmpty()
    {
        using var k = new TempKnowledge();
        Assert.Empty(SafetyExampleBank.Load(k.Root));
    }
}
