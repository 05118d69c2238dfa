using PainBot.Core.Knowledge;
using PainBot.Core.Safety;

namespace PainBot.Core.Tests.Safety;

public sealed class SafetyTriageTests(SafetyFixture fixture) : IClassFixture<SafetyFixture>
{
    private SafetyAssessment Assess(string text, Audience audience = Audience.Patient) => fixture.Triage.Assess(text, audience);

    [Theory]
    [InlineData("no numbness or bladder problems, just a stiff back")]
    [InlineData("I don't have chest pain, my shoulder is just sore")]
    [InlineData("my headache isn't sudden or the worst ever, it's my usual one")]
    [InlineData("no fever, no weight loss, just achy after gardening")]
    public void Assess_NegatedSigns_DoesNotEscalate(string text) => Assert.Equal(SafetyLevel.None, Assess(text).Level);

    [Theory]
    [InlineData("lost contol of my bladdar and my lower back is agony")]
    [InlineData("crushing chets pain going down my left arm")]
    public void Assess_OneSlipTypos_AreStillRecognised(string text) => Assert.Equal(SafetyLevel.Emergency, Assess(text).Level);

    [Theory]
    [InlineData("my back aches and I keep a bladder diary for the urologist")]
    [InlineData("chess club made my neck stiff, any stretches?")]
    public void Assess_WordsNearARuleWord_DoNotEscalate(string text) => Assert.Equal(SafetyLevel.None, Assess(text).Level);

    [Fact]
    public void Assess_NegationOfOneSign_DoesNotCancelAnother()
    {
        var a = Assess("no bladder problems but my groin went numb and my back is killing me");
        Assert.Equal(SafetyLevel.Emergency, a.Level);
        Assert.Contains("emergency-cauda-equina", a.RuleIds);
    }

    [Theory]
    [InlineData("this pain is killing me")]
    [InlineData("my back is killing me today")]
    [InlineData("dead tired after work")]
    [InlineData("I could die of embarrassment")]
    [InlineData("I'd kill for a massage")]
    [InlineData("I could die for some sleep")]
    public void Assess_FigurativeSpeech_DoesNotEscalate(string text) => Assert.Equal(SafetyLevel.None, Assess(text).Level);

    [Theory]
    [InlineData("I had a stroke 5 years ago, can yoga help my shoulder?")]
    [InlineData("heart attack 10 years ago, is yoga ok?")]
    [InlineData("had cauda equina surgery in 2021, now just stiff")]
    public void Assess_ResolvedPastEvent_DoesNotEscalate(string text) => Assert.Equal(SafetyLevel.None, Assess(text).Level);

    [Fact]
    public void Assess_TransientStrokeSigns_IsEmergency() =>
        Assert.Equal(SafetyLevel.Emergency, Assess("his face drooped and his speech was slurred but it went away after 10 minutes").Level);

    [Theory]
    [InlineData("what back pain symptoms mean I should go to the ER?", SafetyLevel.Emergency)]
    [InlineData("what are the signs of cauda equina?", SafetyLevel.Emergency)]
    [InlineData("what are the warning signs of a stroke?", SafetyLevel.Emergency)]
    [InlineData("what are the symptoms of a DVT?", SafetyLevel.Urgent)]
    public void Assess_InformationalQuestion_IsInformationalWithEscalationLine(string text, SafetyLevel level)
    {
        var a = Assess(text);
        Assert.True(a.Informational);
        Assert.Equal(level, a.Level);
        Assert.False(a.StopsAnswering);
        Assert.Contains("911", a.Response, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_InformationalCueWithCurrentReport_Acts()
    {
        var a = Assess("what are the signs of a stroke? my dad's face is drooping right now");
        Assert.Equal(SafetyLevel.Emergency, a.Level);
        Assert.False(a.Informational);
        Assert.True(a.StopsAnswering);
    }

    [Fact]
    public void Assess_LethalDoseQuestion_IsNeverInformational()
    {
        var a = Assess("just curious, what is the lethal dose of oxycodone?");
        Assert.Equal(SafetyLevel.Crisis, a.Level);
        Assert.False(a.Informational);
    }

    [Theory]
    [InlineData("I'm not suicidal but I wouldn't mind not waking up")]
    [InlineData("not suicidal, but I hope I don't wake up")]
    public void Assess_PassiveDeathWishBehindDenial_IsCrisis(string text) => Assert.Equal(SafetyLevel.Crisis, Assess(text).Level);

    [Fact]
    public void Assess_DenialAlone_IsNotCrisis() => Assert.Equal(SafetyLevel.None, Assess("I'm not suicidal, just frustrated").Level);

    [Theory]
    [InlineData("my husband's chest feels crushed and he's sweating")]
    [InlineData("my mom says she can't feel her legs")]
    [InlineData("patient in the waiting room says her lips and tongue are swelling")]
    public void Assess_ThirdPersonAndStaffReports_AreEmergency(string text) => Assert.Equal(SafetyLevel.Emergency, Assess(text, Audience.Staff).Level);

    [Fact]
    public void Assess_StaffAudience_AddsInClinicActions()
    {
        var a = Assess("a patient in our waiting room just collapsed and isn't breathing", Audience.Staff);
        Assert.Equal(SafetyLevel.Emergency, a.Level);
        Assert.Contains("AED", a.Response, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tengo dolor de pecho y no puedo respirar", SafetyLevel.Emergency)]
    [InlineData("quiero morir, ya no aguanto más", SafetyLevel.Crisis)]
    [InlineData("pienso en suicidarme", SafetyLevel.Crisis)]
    [InlineData("dolor de espalda horrible y no siento nada entre las piernas, what should I do", SafetyLevel.Emergency)]
    [InlineData("no tengo dolor de pecho, solo me duele la rodilla", SafetyLevel.None)]
    public void Assess_SpanishAndMixed_Escalates(string text, SafetyLevel level) => Assert.Equal(level, Assess(text).Level);

    [Fact]
    public void Assess_SelfHarmDone_IsEmergencyThenCrisis()
    {
        var a = Assess("I took all my pills to end it, I want to die");
        Assert.Equal(SafetyLevel.Emergency, a.Level);
        Assert.Equal("emergency-overdose-taken", a.RuleIds[0]);
        Assert.Contains(a.RuleIds, id => id.StartsWith("crisis-", StringComparison.Ordinal));
        Assert.Contains("988", a.Response, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_SeveralLevels_HighestWinsAndIdsAreOrdered()
    {
        var a = Assess("I take warfarin and want turmeric; also I've been thinking about ending my life");
        Assert.Equal(SafetyLevel.Crisis, a.Level);
        Assert.Equal(["crisis-suicidal-thoughts", "med-blood-thinner-combination"], a.RuleIds);
    }

    [Fact]
    public void Assess_MedSafety_DefersToPharmacistWithoutClearance()
    {
        var a = Assess("on xarelto, ok to take ibuprofen?");
        Assert.Equal(SafetyLevel.MedSafety, a.Level);
        Assert.Contains("pharmacist", a.Response, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" mg", a.Response, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Assess_Response_HasPlaceholdersFilledFromOptions()
    {
        var uk = new SafetyTriage(fixture.Rules, new SafetyOptions { Region = "UK", EmergencyNumber = "999", CrisisLine = "Samaritans 116 123", CrisisText = "NHS 111" });
        var a = uk.Assess("crushing chest pain and my arm is numb", Audience.Patient);
        Assert.Contains("999", a.Response, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", a.Response, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_EveryRuleResponse_RendersWithoutPlaceholders()
    {
        foreach (var rule in fixture.Rules.Rules)
        {
            Assert.False(string.IsNullOrWhiteSpace(rule.Source), rule.Id);
        }

        var a = Assess("my mom is having a seizure right now", Audience.Staff);
        Assert.DoesNotContain("{{", a.Response, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("😀😀🔥💀")]
    [InlineData("<script>alert('x')</script><b>hi</b>")]
    [InlineData("'''''''''")]
    [InlineData("... ,,, !!! ???")]
    public void Assess_OddInput_ReturnsNone(string text) => Assert.Equal(SafetyLevel.None, Assess(text).Level);

    [Fact]
    public void Assess_NullInput_ReturnsNone() => Assert.Equal(SafetyLevel.None, Assess(null!).Level);

    [Fact]
    public void Assess_VeryLongInput_DoesNotThrowAndReadsTheStart()
    {
        var text = "my chest feels crushed. " + string.Concat(Enumerable.Repeat("blah ", 2000));
        Assert.Equal(SafetyLevel.Emergency, Assess(text).Level);
        Assert.Equal(SafetyLevel.None, Assess(new string('a', 10_000)).Level);
    }
}
