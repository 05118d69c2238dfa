using Microsoft.Extensions.Logging;

namespace PainBot.Web.State;

/// <summary>
/// Connects to Redis and subscribes to the cross-instance notifications at start, so the first visitor does not
/// pay for it. Redis being down does not stop the host: readiness reports it, and the connection keeps retrying.
/// </summary>
public sealed partial class RedisStateStartup(RedisActivitySignals signals, ILogger<RedisStateStartup> logger) : IHostedService
{
    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await signals.EnsureSubscribedAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            LogConnected(logger);
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            LogUnavailable(logger, e.Message);
        }
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Shared state on Redis: connected and subscribed.")]
    private static partial void LogConnected(ILogger logger);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Shared state on Redis: not reachable at start ({Reason}); retrying in the background, /readyz reports it.")]
    private static partial void LogUnavailable(ILogger logger, string reason);
}
