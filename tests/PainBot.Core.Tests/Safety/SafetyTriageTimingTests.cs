using System.Diagnostics;
using PainBot.Core.Knowledge;
using Xunit.Abstractions;

namespace PainBot.Core.Tests.Safety;

[Collection(TimingGroup.Name)]
public sealed class SafetyTriageTimingTests(SafetyFixture fixture, ITestOutputHelper output) : IClassFixture<SafetyFixture>
{
    private void Assess(string text) => fixture.Triage.Assess(text, Audience.Patient);

    [Fact]
    public void Assess_Latency_P99UnderOneMillisecond()
    {
        string[] messages =
        [
            "my back is stiff in the mornings, no numbness or bladder problems, just stiff. any stretches?",
            "Husband has sciatica down both legs now, says his privates feel numb and he hasnt been able to pee since last night",
            "I take sertraline, can I try St John's wort for my mood and pain?",
            "quick question about yoga for my back. also, honestly, i've been thinking about ending my life",
            "front desk here - a patient in our waiting room just collapsed and isnt breathing",
        ];
        for (var i = 0; i < 2000; i++)
        {
            Assess(messages[i % messages.Length]);
        }

        // Best of three runs: on a shared two-core machine a scheduler or GC pause can land in any one run.
        var p99 = double.MaxValue;
        for (var attempt = 0; attempt < 3 && p99 > 1.0; attempt++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var times = new List<double>();
            for (var i = 0; i < 2000; i++)
            {
                var start = Stopwatch.GetTimestamp();
                Assess(messages[i % messages.Length]);
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            for (var m = 0; m < messages.Length; m++)
            {
                var own = times.Where((_, i) => i % messages.Length == m).Order().ToList();
                output.WriteLine($"message {m}: median {own[own.Count / 2]:F3} ms, max {own[^1]:F3} ms");
            }

            times.Sort();
            p99 = Math.Min(p99, times[(int)(times.Count * 0.99)]);
        }

        Assert.True(p99 <= 1.0, $"p99 {p99:F3} ms");

        // The 4,000-character cap bounds the worst case; it is checked on the median so a GC pause cannot fail it.
        var longText = string.Concat(Enumerable.Repeat("my knee hurts when I walk and I wonder about acupuncture, ", 80));
        var longTimes = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            var start = Stopwatch.GetTimestamp();
            Assess(longText);
            longTimes.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        longTimes.Sort();
        output.WriteLine($"4,000-char message: median {longTimes[100]:F3} ms");
        Assert.True(longTimes[100] <= 5.0, $"long message median {longTimes[100]:F3} ms");
    }
}
