using Microsoft.Extensions.Logging.Abstractions;
using PainBot.Core.Knowledge;
using PainBot.Core.Safety;

namespace PainBot.Core.Tests.Safety;

public sealed class CrisisScreenTriageTests(SafetyFixture fixture) : IClassFixture<SafetyFixture>
{
    private sealed class FakeScreen(bool flags) : ICrisisScreen
    {
        public int Calls { get; private set; }

        public bool Flags(string text, float[]? messageVector)
        {
            Calls++;
            return flags;
        }
    }

    private SafetyTriage Triage(ICrisisScreen screen) =>
        new(fixture.Rules, new SafetyOptions(), new ClinicOptions(), NullLogger<SafetyTriage>.Instance, screen);

    [Fact]
    public void Screen_RaisesAMessageNoRuleCaught_ToCrisisWithTheCrisisReply()
    {
        var a = Triage(new FakeScreen(true)).Assess("the kids would manage fine without me", Audience.Patient);
        Assert.Equal(SafetyLevel.Crisis, a.Level);
        Assert.False(a.Informational);
        Assert.True(a.StopsAnswering);
        Assert.Equal([SafetyTriage.CrisisScreenId], a.RuleIds);
        Assert.Contains("988", a.Response, StringComparison.Ordinal);
    }

    [Fact]
    public void Screen_NotFlagging_LeavesTheRulesVerdict()
    {
        var text = "I take warfarin, is turmeric ok?";
        Assert.Equal(fixture.Triage.Assess(text, Audience.Patient), Triage(new FakeScreen(false)).Assess(text, Audience.Patient), SameAssessment);
    }

    [Fact]
    public void Screen_OutranksALowerLevel_AndKeepsItsRuleIds()
    {
        var a = Triage(new FakeScreen(true)).Assess("I take warfarin, is turmeric ok?", Audience.Patient);
        Assert.Equal(SafetyLevel.Crisis, a.Level);
        Assert.Equal(SafetyTriage.CrisisScreenId, a.RuleIds[0]);
        Assert.Contains("med-blood-thinner-combination", a.RuleIds);
    }

    [Theory]
    [InlineData("I want to kill myself")]
    [InlineData("crushing chest pain going down my left arm")]
    public void Screen_IsNotAsked_WhenRulesAlreadyActAtCrisisOrAbove(string text)
    {
        var screen = new FakeScreen(true);
        var a = Triage(screen).Assess(text, Audience.Patient);
        Assert.Equal(0, screen.Calls);
        Assert.Equal(fixture.Triage.Assess(text, Audience.Patient), a, SameAssessment);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Screen_IsNotAsked_ForEmptyText(string text)
    {
        var screen = new FakeScreen(true);
        Assert.Equal(SafetyLevel.None, Triage(screen).Assess(text, Audience.Patient).Level);
        Assert.Equal(0, screen.Calls);
    }

    [Fact]
    public void Screen_ForStaff_AddsTheStaffLine()
    {
        var patient = Triage(new FakeScreen(true)).Assess("she keeps saying everyone would be fine without her", Audience.Patient);
        var staff = Triage(new FakeScreen(true)).Assess("she keeps saying everyone would be fine without her", Audience.Staff);
        Assert.True(staff.Response!.Length > patient.Response!.Length);
    }

    private static bool SameAssessment(SafetyAssessment x, SafetyAssessment y) =>
        x.Level == y.Level && x.Informational == y.Informational && x.Response == y.Response && x.RuleIds.SequenceEqual(y.RuleIds);
}
