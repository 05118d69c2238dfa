using System.Globalization;
using System.Text.Json;
using PainBot.Core.Knowledge;
using PainBot.Generation.Grounding;
using PainBot.Generation.Tests.Support;
using PainBot.Knowledge.Loading;
using Xunit.Abstractions;

namespace PainBot.Generation.Tests;

/// <summary>
/// The support thresholds measured on <c>eval/grounding_dev.jsonl</c>: hand-written rephrasings of real passages
/// (supported) and contradictions, invented facts and doses, and facts from other passages (unsupported).
/// Prints the sweep that chose <see cref="SupportThresholds.Default"/>.
/// </summary>
public sealed class GroundingThresholdTests(ITestOutputHelper output)
{
    [Fact]
    public void DefaultThresholds_OnDevelopmentSet_SeparateSupportedFromUnsupported()
    {
        var passages = new KnowledgeLoader(new ClinicOptions().Placeholders()).Load(Path.Combine(Repo.Root(), "knowledge")).Passages
            .ToDictionary(p => p.Id, StringComparer.Ordinal);
        var rows = File.ReadLines(Path.Combine(Repo.Root(), "eval", "grounding_dev.jsonl"))
            .Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Select(r => (Id: r.GetProperty("id").GetString()!, Passage: passages[r.GetProperty("passage").GetString()!], Sentence: r.GetProperty("sentence").GetString()!,
                Supported: r.GetProperty("supported").GetBoolean(), Kind: r.GetProperty("kind").GetString()!))
            .ToList();
        var scores = new SupportScorer(SharedEmbedder.Instance).Score([.. rows.Select(r => (r.Sentence, r.Passage))]);

        foreach (var (row, score) in rows.Zip(scores))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row.Id} {(row.Supported ? "+" : "-")} {row.Kind,-13} sim {score.Similarity:0.000} overlap {score.Overlap:0.00} numbers {score.NumbersFound} absolutes {score.AbsolutesFound}"));
        }

        var best = (Cost: double.MaxValue, T: SupportThresholds.Default);
        foreach (var minSim in Steps(0.30, 0.80, 0.05))
        {
            foreach (var minOverlap in Steps(0.0, 1.0, 0.1))
            {
                foreach (var strong in Steps(0.70, 0.95, 0.05))
                {
                    var t = new SupportThresholds(minSim, minOverlap, strong);
                    // An unsupported sentence shown costs twice a good answer replaced by the extractive one.
                    var (_, fpt, fnt, _) = Confusion(t, rows.Select(r => r.Supported), scores);
                    var cost = (2.0 * fpt) + fnt;
                    if (cost < best.Cost - 1e-9)
                    {
                        best = (cost, t);
                    }
                }
            }
        }

        var chosen = SupportThresholds.Default;
        var (tp, fp, fn, tn) = Confusion(chosen, rows.Select(r => r.Supported), scores);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lowest cost (2 x unsupported shown + supported replaced) on the grid: {best.T} cost {best.Cost} accuracy {Accuracy(best.T, rows.Select(r => r.Supported), scores):0.000}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"default: {chosen} accuracy {(tp + tn) / (double)rows.Count:0.000}; supported kept {tp}/{tp + fn}, unsupported passed {fp}/{fp + tn}"));

        // An unsupported claim shown is worse than a good answer replaced by the extractive one.
        Assert.True(fp <= 3, $"{fp} unsupported sentences passed");
        Assert.True(tp >= 0.75 * (tp + fn), $"only {tp}/{tp + fn} supported sentences kept");
    }

    private static IEnumerable<double> Steps(double from, double to, double step)
    {
        for (var x = from; x <= to + 1e-9; x += step)
        {
            yield return Math.Round(x, 2);
        }
    }

    private static double Accuracy(SupportThresholds t, IEnumerable<bool> labels, IReadOnlyList<SupportScore> scores)
    {
        var (tp, _, _, tn) = Confusion(t, labels, scores);
        return (tp + tn) / (double)scores.Count;
    }

    private static (int Tp, int Fp, int Fn, int Tn) Confusion(SupportThresholds t, IEnumerable<bool> labels, IReadOnlyList<SupportScore> scores)
    {
        int tp = 0, fp = 0, fn = 0, tn = 0;
        foreach (var (label, score) in labels.Zip(scores))
        {
            var passed = t.Supports(score);
            if (label && passed) { tp++; }
            else if (!label && passed) { fp++; }
            else if (label) { fn++; }
            else { tn++; }
        }

        return (tp, fp, fn, tn);
    }
}
