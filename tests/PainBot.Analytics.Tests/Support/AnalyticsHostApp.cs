using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using PainBot.Tests.Shared;

namespace PainBot.Analytics.Tests.Support;

/// <summary>
/// The real web host (in-memory server) with the shipped knowledge, a Direct Line secret,
/// the analytics store given, and every log event from Information up captured.
/// </summary>
public sealed class AnalyticsHostApp(IReadOnlyDictionary<string, string?> settings) : PainBotWebFactory
{
    public const string Secret = "analytics-test-direct-line-secret-0123456789";

    public CapturingLoggerProvider Logs { get; } = new();

    public static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "PainBot.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("PainBot.sln not found");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Knowledge:Path", Path.Combine(RepoRoot(), "knowledge"));
        builder.UseSetting("Knowledge:WatchForChanges", "false");
        // Hybrid search as shipped (the confidence model is fitted for it), with the repository's embedding cache.
        builder.UseSetting("Knowledge:EmbeddingCachePath", Path.Combine(RepoRoot(), "data", "cache"));
        builder.UseSetting("DirectLine:Secret", Secret);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(l =>
        {
            l.AddProvider(Logs);
            l.AddFilter<CapturingLoggerProvider>(null, LogLevel.Information);
        });
    }
}
