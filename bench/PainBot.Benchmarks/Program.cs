using BenchmarkDotNet.Running;
using PainBot.Benchmarks;

// dotnet run -c Release --project bench/PainBot.Benchmarks -- --latency [--generated N]   p50/p99 and build times
// dotnet run -c Release --project bench/PainBot.Benchmarks -- --triage                 only the safety triage and long-message rows
// dotnet run -c Release --project bench/PainBot.Benchmarks -- --encoders                  MiniLM against ArcticXs on the dev sets
// dotnet run -c Release --project bench/PainBot.Benchmarks -- --analytics [--turns N]       analytics store throughput (SQLite; PostgreSQL with PAINBOT_BENCH_POSTGRES)
// dotnet run -c Release --project bench/PainBot.Benchmarks -- --filter '*'               BenchmarkDotNet suites
if (args.Contains("--encoders"))
{
    EncoderComparison.Run();
    return;
}

if (args.Contains("--analytics"))
{
    var t = Array.IndexOf(args, "--turns");
    AnalyticsBench.Run(t >= 0 && t + 1 < args.Length ? int.Parse(args[t + 1], System.Globalization.CultureInfo.InvariantCulture) : 5_000);
    return;
}

if (args.Contains("--triage"))
{
    using var assistant = new Assistant();
    LatencyReport.TriageRows(assistant);
    return;
}

if (args.Contains("--latency"))
{
    var i = Array.IndexOf(args, "--generated");
    LatencyReport.Run(i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : 20_000);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(SearchBenchmarks).Assembly).Run(args);
