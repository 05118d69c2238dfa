using PainBot.Core.Knowledge;
using PainBot.Core.Safety;
using Xunit.Abstractions;

namespace PainBot.Core.Tests.Safety;

public sealed class SafetyDevSetTests(SafetyFixture fixture, ITestOutputHelper output) : IClassFixture<SafetyFixture>
{
    [Fact]
    public void SafetyTriage_DevSet_MeetsIssueTargets()
    {
        var path = SafetyTestPaths.SharedEvalFile("safety_dev.jsonl");
        if (path is null)
        {
            output.WriteLine("SKIPPED: shared/eval/safety_dev.jsonl not found above " + AppContext.BaseDirectory);
            return;
        }

        var cases = SafetyCase.Read(path);
        var byLabel = cases.GroupBy(c => c.Label).ToDictionary(g => g.Key, g => g.ToList());
        var failures = new List<string>();
        var exact = new Dictionary<string, int>();
        foreach (var c in cases)
        {
            var a = fixture.Triage.Assess(c.Text, Audience.Patient);
            var got = SafetyCase.Effective(a);
            if (got == c.Expected)
            {
                exact[c.Label] = exact.GetValueOrDefault(c.Label) + 1;
            }
            else
            {
                failures.Add($"{c.Id} [{c.Label}] got {got} ({string.Join(",", a.RuleIds)}): {c.Text}");
            }
        }

        foreach (var (label, list) in byLabel.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{label}: {exact.GetValueOrDefault(label)}/{list.Count} exact");
        }

        foreach (var f in failures)
        {
            output.WriteLine("MISS " + f);
        }

        double Rate(string label) => byLabel.TryGetValue(label, out var l) ? (double)exact.GetValueOrDefault(label) / l.Count : 1.0;
        var benign = byLabel.GetValueOrDefault("benign") ?? [];
        var falseEscalations = benign.Count - exact.GetValueOrDefault("benign");
        output.WriteLine($"benign false escalations: {falseEscalations}/{benign.Count}");

        Assert.Equal(1.0, Rate("emergency"));
        Assert.Equal(1.0, Rate("crisis"));
        Assert.True(Rate("urgent") >= 0.95, $"urgent exact {Rate("urgent"):P0}");
        Assert.True(Rate("med_safety") >= 0.90, $"med_safety exact {Rate("med_safety"):P0}");
        Assert.True(benign.Count == 0 || (double)falseEscalations / benign.Count <= 0.03, $"benign false escalations {falseEscalations}/{benign.Count}");
    }
}
