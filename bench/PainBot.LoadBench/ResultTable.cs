using System.Globalization;
using System.Text;

namespace PainBot.LoadBench;

/// <summary>The results as a Markdown table, with each target's p50 as a multiple of /healthz's at the same level.</summary>
internal static class ResultTable
{
    public static string Format(IReadOnlyList<RunResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| target | concurrency | turns | turns/s | p50 ms | p99 ms | errors | p50 / healthz p50 |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results.OrderBy(r => r.Concurrency))
        {
            var health = results.FirstOrDefault(h => h.Target == "healthz" && h.Concurrency == r.Concurrency);
            var ratio = health is { Turns: > 0 } ? (r.P50 / health.P50).ToString("0.0", CultureInfo.InvariantCulture) + "x" : "-";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {r.Target} | {r.Concurrency} | {r.Turns} | {r.TurnsPerSecond:0} | {Ms(r.P50)} | {Ms(r.P99)} | {r.Errors} | {ratio} |");
        }

        return text.ToString();
    }

    /// <summary>Two significant decimals below 10 ms, whole milliseconds above.</summary>
    private static string Ms(double value) =>
        double.IsNaN(value) ? "-" : value.ToString(value < 10 ? "0.00" : "0", CultureInfo.InvariantCulture);
}
