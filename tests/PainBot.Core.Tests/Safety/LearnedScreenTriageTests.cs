using Microsoft.Extensions.Logging.Abstractions;
using PainBot.Core.Knowledge;
using PainBot.Core.Safety;

namespace PainBot.Core.Tests.Safety;

/// <summary>The learned screen behind the rules: it raises, never lowers, and a "possible" verdict checks in.</summary>
public sealed class LearnedScreenTriageTests(SafetyFixture fixture) : IClassFixture<SafetyFixture>
{
    private static readonly float[] Vector = [1f, 0f];

    private sealed class FakeScreen(ScreenVerdict verdict) : ISafetyScreen
    {
        public int Calls { get; private set; }

        public float[]? LastPrevious { get; private set; }

        public ScreenVerdict Assess(string text, float[]? messageVector, float[]? previousVector)
        {
            Calls++;
            LastPrevious = previousVector;
            return verdict;
        }
    }

    private SafetyTriage Triage(ISafetyScreen screen) =>
        new(fixture.Rules, new SafetyOptions(), new ClinicOptions(), NullLogger<SafetyTriage>.Instance, screen: null, learned: screen);

    [Fact]
    public void Sure_RaisesToTheLevel_WithThatLevelsReply_AndNamesTheLayer()
    {
        var a = Triage(new FakeScreen(new ScreenVerdict(SafetyLevel.Emergency, 0.91, Sure: true))).Assess("my dad is not making sense and his face looks odd", Audience.Patient, Vector, null);

        Assert.Equal(SafetyLevel.Emergency, a.Level);
        Assert.True(a.StopsAnswering);
        Assert.Equal("screen:emergency:0.91", a.RuleIds[0]);
        Assert.Contains("911", a.Response, StringComparison.Ordinal);
    }

    [Fact]
    public void Sure_OnASpanishMessage_AnswersInSpanish()
    {
        var a = Triage(new FakeScreen(new ScreenVerdict(SafetyLevel.Crisis, 0.8, Sure: true))).Assess("ya no quiero seguir así, estoy cansada de todo y de todos", Audience.Patient, Vector, null);

        Assert.Equal(SafetyLevel.Crisis, a.Level);
        Assert.Contains("988", a.Response, StringComparison.Ordinal);
        Assert.Matches("(?i)llame|marque|envíe", a.Response!);
    }

    [Fact]
    public void Possible_LeadsWithTheCheckIn_AndDoesNotStopTheAnswer()
    {
        var a = Triage(new FakeScreen(new ScreenVerdict(SafetyLevel.Crisis, 0.45, Sure: false, "Are you thinking about ending your life?"))).Assess("what's the point of any of this", Audience.Patient, Vector, null);

        Assert.Equal(SafetyLevel.Crisis, a.Level);
        Assert.True(a.Uncertain);
        Assert.False(a.StopsAnswering);
        Assert.Equal("screen:crisis:0.45?", a.RuleIds[0]);
        Assert.Equal("Are you thinking about ending your life?", a.Response);
    }

    [Fact]
    public void Screen_NeverLowersTheRules()
    {
        var text = "crushing chest pain going down my left arm";
        var a = Triage(new FakeScreen(new ScreenVerdict(SafetyLevel.MedSafety, 0.99, Sure: true))).Assess(text, Audience.Patient, Vector, null);

        Assert.Equal(SafetyLevel.Emergency, a.Level);
        Assert.DoesNotContain(a.RuleIds, id => id.StartsWith("screen:", StringComparison.Ordinal));
    }

    [Fact]
    public void QuestionAboutWarningSigns_StaysAQuestion()
    {
        var text = "what are the warning signs of a stroke?";
        var ruled = fixture.Triage.Assess(text, Audience.Patient);
        Assert.True(ruled.Informational);

        var a = Triage(new FakeScreen(new ScreenVerdict(SafetyLevel.Emergency, 0.95, Sure: true))).Assess(text, Audience.Patient, Vector, null);

        Assert.True(a.Informational);
        Assert.False(a.StopsAnswering);
    }

    [Fact]
    public void PreviousMessage_IsPassedToTheScreen_AndNoVectorMeansNoScreen()
    {
        var screen = new FakeScreen(ScreenVerdict.None);
        float[] previous = [0f, 1f];
        Triage(screen).Assess("and tonight i think i will", Audience.Patient, Vector, previous);
        Assert.Same(previous, screen.LastPrevious);

        var none = new FakeScreen(new ScreenVerdict(SafetyLevel.Crisis, 0.99, Sure: true));
        Assert.Equal(SafetyLevel.None, Triage(none).Assess("start over", Audience.Patient, null, null).Level);
    }
}
