using PainBot.Knowledge;

namespace PainBot.Web.Hosting;

/// <summary>Liveness and readiness for load balancers.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
        app.MapGet("/readyz", (KnowledgeService knowledge) =>
            Results.Ok(new { status = "ready", passages = knowledge.Current.Passages.Count, generation = knowledge.Current.Generation }));
        return app;
    }
}
