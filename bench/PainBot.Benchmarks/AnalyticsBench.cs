using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PainBot.Analytics;
using PainBot.Core.Analytics;

namespace PainBot.Benchmarks;

/// <summary>
/// Analytics store throughput: turn records written one at a time and in batches of 64 (the recorder's writer
/// batches whatever waits in its queue), then the staff report over them. SQLite always (a temporary file);
/// PostgreSQL too when PAINBOT_BENCH_POSTGRES holds a connection string (tests/services/start.sh prints one).
/// </summary>
internal static class AnalyticsBench
{
    private const int Batch = 64;

    public static void Run(int turns)
    {
        var folder = Directory.CreateTempSubdirectory("painbot-analytics-bench-");
        try
        {
            Measure("SQLite", new() { ["Analytics:Provider"] = "Sqlite", ["Analytics:ConnectionString"] = $"Data Source={Path.Combine(folder.FullName, "bench.db")}" }, folder.FullName, turns);
            var postgres = Environment.GetEnvironmentVariable("PAINBOT_BENCH_POSTGRES");
            if (!string.IsNullOrEmpty(postgres))
            {
                Measure("PostgreSQL", new() { ["Analytics:Provider"] = "PostgreSQL", ["Analytics:ConnectionString"] = postgres }, folder.FullName, turns);
            }
            else
            {
                Console.WriteLine("PostgreSQL: skipped (set PAINBOT_BENCH_POSTGRES)");
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static void Measure(string name, Dictionary<string, string?> settings, string dataRoot, int turns)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddPainBotAnalytics(_ => dataRoot);
        var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IAnalyticsStore>();
        store.MigrateAsync(default).GetAwaiter().GetResult();

        var records = Enumerable.Range(0, turns).Select(Record).ToList();
        var watch = Stopwatch.StartNew();
        foreach (var record in records)
        {
            store.RecordTurnAsync(record, default).GetAwaiter().GetResult();
        }

        var single = turns / watch.Elapsed.TotalSeconds;
        watch.Restart();
        foreach (var chunk in records.Chunk(Batch))
        {
            store.RecordTurnsAsync(chunk, default).GetAwaiter().GetResult();
        }

        var batched = turns / watch.Elapsed.TotalSeconds;
        var reports = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            watch.Restart();
            store.ReportAsync(30, default).GetAwaiter().GetResult();
            reports.Add(watch.Elapsed.TotalMilliseconds);
        }

        reports.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {single:F0} turns/s one at a time, {batched:F0} turns/s in batches of {Batch}; report over {2 * turns} turns median {reports[2]:F0} ms"));
        provider.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private static TurnRecord Record(int i)
    {
        string[] topics = ["acupuncture", "yoga-stretching", "sleep", "supplements", "massage"];
        string[] levels = ["none", "none", "none", "none", "urgent", "med_safety", "crisis", "emergency"];
        return new TurnRecord(
            DateTimeOffset.UtcNow.AddMinutes(-i % (60 * 24 * 20)),
            AnalyticsKeys.Of("bench", "c" + (i / 5).ToString(CultureInfo.InvariantCulture)),
            AnalyticsKeys.Of("bench", "u" + (i / 5).ToString(CultureInfo.InvariantCulture)),
            "webchat",
            "patient",
            [topics[i % topics.Length]],
            0.5 + (i % 50) / 100.0,
            levels[i % levels.Length],
            i % 8 >= 4 ? "rules" : null,
            "in",
            "extractive",
            null,
            3.5,
            i % 17 == 0);
    }
}
