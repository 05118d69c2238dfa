using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PainBot.BotFramework.DirectLine;

/// <summary>
/// Creates the token service at start (so a generated secret is reported then, not at the first visitor) and
/// removes idle conversations every minute.
/// </summary>
public sealed class DirectLineMaintenance(IServiceProvider services, IDirectLineConversationStore store, TimeProvider time, ILogger<DirectLineMaintenance> logger) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Resolved here, not injected: options are validated at start before this runs, so a bad secret is
        // reported as a validation error naming the key rather than from inside a constructor.
        _ = services.GetRequiredService<DirectLineTokens>();
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var removed = await store.RemoveExpiredAsync(stoppingToken).ConfigureAwait(false);
                if (removed > 0)
                {
                    DirectLineLog.Expired(logger, removed);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
