using PainBot.Core.Safety;

namespace PainBot.Core.Tests.Safety;

/// <summary>Loads the real rules once per test class.</summary>
public sealed class SafetyFixture
{
    public SafetyFixture()
    {
        Rules = SafetyRuleLoader.Load(SafetyTestPaths.SafetyFolder());
        Triage = new SafetyTriage(Rules, new SafetyOptions());
    }

    public SafetyRuleSet Rules { get; }

    public SafetyTriage Triage { get; }
}
