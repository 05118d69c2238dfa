using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PainBot.Core.Analytics;

namespace PainBot.Analytics.Hosting;

/// <summary>
/// Migrates the schema before the host starts (a store that cannot be opened stops the start with a message
/// naming the settings), then purges rows older than <see cref="AnalyticsOptions.RetentionDays"/> at start and
/// once a day.
/// </summary>
public sealed partial class AnalyticsMaintenance(
    IAnalyticsStore store,
    IOptions<AnalyticsOptions> options,
    TimeProvider time,
    ILogger<AnalyticsMaintenance> logger) : BackgroundService
{
    /// <summary>How often the purge runs after the one at start.</summary>
    public static readonly TimeSpan PurgeInterval = TimeSpan.FromDays(1);

    /// <inheritdoc/>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new InvalidOperationException(
                $"Analytics: the {options.Value.Provider} store could not be opened or migrated ({ex.GetType().Name}: {ex.Message}). Check Analytics:Provider and Analytics:ConnectionString.",
                ex);
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes what is older than the retention period; returns rows deleted.</summary>
    public async Task<int> PurgeOnceAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow().AddDays(-options.Value.RetentionDays);
        var deleted = await store.PurgeAsync(before, cancellationToken).ConfigureAwait(false);
        LogPurged(deleted, options.Value.RetentionDays);
        return deleted;
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PurgeInterval, time);
        do
        {
            try
            {
                await PurgeOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPurgeFailed(ex.GetType().Name);
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 5020, Level = LogLevel.Information, Message = "Analytics purge: {Deleted} rows older than {Days} days deleted")]
    private partial void LogPurged(int deleted, int days);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Warning, Message = "Analytics purge failed ({Error}); it runs again tomorrow")]
    private partial void LogPurgeFailed(string error);
}
