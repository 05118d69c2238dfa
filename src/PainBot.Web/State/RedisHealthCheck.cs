using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PainBot.Web.State;

/// <summary>Readiness: Redis answers a PING (registered as "redis", tagged "ready", only with State:Provider=Redis).</summary>
public sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var database = await redis.DatabaseAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            var latency = await database.PingAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:0.0} ms");
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer (" + e.GetType().Name + ").");
        }
    }
}
