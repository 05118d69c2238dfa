using PainBot.Knowledge;

namespace PainBot.Web.Hosting;

/// <summary>Liveness and readiness for load balancers.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));

        // Ready only once the whole content snapshot is built and the encoder warmed.
        app.MapGet("/readyz", (ContentStore content, KnowledgeService knowledge) => content.IsLoaded
            ? Results.Ok(new { status = "ready", passages = knowledge.Current.Passages.Count, generation = content.Current.Generation })
            : Results.Json(new { status = "loading" }, statusCode: StatusCodes.Status503ServiceUnavailable));
        return app;
    }
}
