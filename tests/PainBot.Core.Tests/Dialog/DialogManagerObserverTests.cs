using PainBot.Core.Dialog;
using PainBot.Core.Safety;

namespace PainBot.Core.Tests.Dialog;

/// <summary>The turn observers (analytics): told once per turn, with what the record needs.</summary>
public sealed partial class DialogManagerTests
{
    private sealed class RecordingObserver : ITurnObserver
    {
        public List<(UserTurn Turn, TurnResult Result, TimeSpan Latency)> Turns { get; } = [];

        public void OnTurn(UserTurn turn, TurnResult result, TimeSpan latency) => Turns.Add((turn, result, latency));
    }

    [Fact]
    public async Task Observer_ToldOncePerTurn_WithTopicsComposerLayerAndNotCovered()
    {
        var rig = new Rig();
        var observer = new RecordingObserver();
        var dialog = rig.Build(observer: observer);

        var answer = await dialog.HandleAsync(Say("does acupuncture help back pain"));
        var escalation = await dialog.HandleAsync(Say("I have crushing chest pain spreading to my arm"));
        var notCovered = await dialog.HandleAsync(Say("what about zebra stripes"));

        Assert.Equal([answer, escalation, notCovered], observer.Turns.Select(t => t.Result));
        Assert.All(observer.Turns, t => Assert.True(t.Latency > TimeSpan.Zero));
        Assert.Equal("physical-acupuncture", answer.Topics[0]);
        Assert.Equal("extractive", answer.Composer);
        Assert.Null(answer.Fallback);
        Assert.Null(answer.Safety.Layer);
        Assert.False(answer.NotCovered);
        Assert.Equal("rules", escalation.Safety.Layer);
        Assert.Null(escalation.Composer);
        Assert.True(notCovered.NotCovered);
        Assert.Empty(notCovered.Topics);
    }

    [Fact]
    public async Task Observer_FailingComposer_ReportsTheFallback()
    {
        var rig = new Rig();

        var r = await rig.Build(new ThrowingComposer()).HandleAsync(Say("does acupuncture help back pain"));

        Assert.Equal("extractive", r.Composer);
        Assert.Equal("composer_error", r.Fallback);
    }

    [Fact]
    public async Task Observer_ForgetMe_IsMarkedForgotten_OnlyWhenCarriedOut()
    {
        var rig = new Rig();
        var dialog = rig.Build();

        var forgotten = await dialog.HandleAsync(Say("forget me"));
        var ordinary = await dialog.HandleAsync(Say("does acupuncture help back pain"));

        Assert.True(forgotten.Forgotten);
        Assert.False(ordinary.Forgotten);
    }

    [Fact]
    public void SafetyLayer_NamesTheLayerOfTheFirstRule()
    {
        Assert.Null(SafetyAssessment.None.Layer);
        Assert.Equal("rules", new SafetyAssessment(SafetyLevel.Urgent, ["urgent-cauda-equina"], "x").Layer);
        Assert.Equal("crisis_screen", new SafetyAssessment(SafetyLevel.Crisis, [SafetyTriage.CrisisScreenId], "x").Layer);
        Assert.Equal("learned_screen", new SafetyAssessment(SafetyLevel.Crisis, ["screen:crisis:0.91", "crisis-x"], "x").Layer);
        Assert.Equal("learned_screen", new SafetyAssessment(SafetyLevel.Crisis, ["screen:crisis:0.55?"], "x", Uncertain: true).Layer);
    }
}
