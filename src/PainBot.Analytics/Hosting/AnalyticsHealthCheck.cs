using Microsoft.Extensions.Diagnostics.HealthChecks;
using PainBot.Core.Analytics;

namespace PainBot.Analytics.Hosting;

/// <summary>Ready when the analytics store answers (tagged "ready" for /readyz).</summary>
public sealed class AnalyticsHealthCheck(IAnalyticsStore store) : IHealthCheck
{
    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await store.PingAsync(cancellationToken).ConfigureAwait(false)
            ? HealthCheckResult.Healthy("The analytics store answers.")
            : new HealthCheckResult(context?.Registration.FailureStatus ?? HealthStatus.Unhealthy, "The analytics store does not answer.");
}
