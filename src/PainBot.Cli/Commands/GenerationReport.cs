using PainBot.Generation;

namespace PainBot.Cli.Commands;

/// <summary>The "Generation" block of <c>eval</c>: how many model answers passed verification and how many fell back, and why.</summary>
internal static class GenerationReport
{
    public static void Write(GenerationStats stats, TextWriter output)
    {
        var n = stats.Attempted;
        double Share(long x) => n == 0 ? 0 : x / (double)n;
        output.WriteLine($"Generation ({n} answers asked of the model)");
        output.WriteLine($"  passed verification {stats.Passed,5} {Share(stats.Passed),7:0.000}");
        output.WriteLine($"  fell back           {stats.FellBack,5} {Share(stats.FellBack),7:0.000}");
        foreach (var (reason, count) in stats.FallbacksByReason.OrderByDescending(r => r.Value))
        {
            output.WriteLine($"    {reason,-17} {count,5} {Share(count),7:0.000}");
        }

        output.WriteLine();
    }
}
