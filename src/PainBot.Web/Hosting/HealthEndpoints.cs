using Microsoft.Extensions.Diagnostics.HealthChecks;
using PainBot.Knowledge;

namespace PainBot.Web.Hosting;

/// <summary>Liveness and readiness for load balancers.</summary>
public static class HealthEndpoints
{
    /// <summary>The tag of the health checks <c>/readyz</c> runs (shared state, the analytics database, …).</summary>
    public const string ReadyTag = "ready";

    /// <summary>Registers the health-check service, so <c>/readyz</c> works with no check registered.</summary>
    public static IServiceCollection AddPainBotHealth(this IServiceCollection services)
    {
        services.AddHealthChecks();
        return services;
    }

    /// <summary>
    /// <c>/healthz</c>: the process answers. <c>/readyz</c>: 200 once the whole content snapshot is built and every
    /// check tagged <see cref="ReadyTag"/> is healthy (or degraded); 503 otherwise, naming the checks that failed
    /// (their status only: exception details stay out of the answer).
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
        app.MapGet("/readyz", ReadyAsync);
        return app;
    }

    private static async Task<IResult> ReadyAsync(ContentStore content, KnowledgeService knowledge, HealthCheckService health, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(r => r.Tags.Contains(ReadyTag), cancellationToken).ConfigureAwait(false);
        var checks = report.Entries.ToDictionary(e => e.Key, e => Status(e.Value.Status), StringComparer.Ordinal);
        var failed = report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy).Select(e => e.Key).Order(StringComparer.Ordinal).ToList();
        if (!content.IsLoaded)
        {
            return Results.Json(new { status = "loading", checks, failed }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (failed.Count > 0)
        {
            return Results.Json(new { status = "unavailable", checks, failed }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return Results.Ok(new { status = "ready", passages = knowledge.Current.Passages.Count, generation = content.Current.Generation, checks });
    }

    private static string Status(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
