using PainBot.Core.Knowledge;
using PainBot.Core.Safety;

namespace PainBot.Core.Tests.Safety;

/// <summary>Our own varied messages (not from the dev set), one per line in safety_cases.jsonl.</summary>
public sealed class SafetyCasesTests(SafetyFixture fixture) : IClassFixture<SafetyFixture>
{
    [Fact]
    public void SafetyTriage_OwnCases_AllMatchTheirLabel()
    {
        var path = Path.Combine(SafetyTestPaths.RepoRoot(), "tests", "PainBot.Core.Tests", "Safety", "safety_cases.jsonl");
        var cases = SafetyCase.Read(path);
        Assert.True(cases.Count >= 40, $"only {cases.Count} cases");

        var failures = new List<string>();
        foreach (var c in cases)
        {
            var a = fixture.Triage.Assess(c.Text, Audience.Patient);
            var levelOk = SafetyCase.Effective(a) == c.Expected;
            var infoOk = !c.Informational || (a.Informational && a.Level > SafetyLevel.None);
            if (!levelOk || !infoOk)
            {
                failures.Add($"{c.Id} [{c.Label}{(c.Informational ? ", informational" : string.Empty)}] got {a.Level} informational={a.Informational} ({string.Join(",", a.RuleIds)}): {c.Text}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}
