namespace PainBot.Web.BotFramework;

/// <summary>The Bot Framework messaging endpoint.</summary>
public static class BotFrameworkEndpoints
{
    /// <summary>Maps <c>POST /api/messages</c>; other methods get 405 from routing.</summary>
    public static IEndpointRouteBuilder MapBotFramework(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/messages", (HttpContext http, BotMessagesEndpoint endpoint, CancellationToken cancellationToken) =>
                endpoint.HandleAsync(http, cancellationToken))
            .WithName("BotFrameworkMessages")
            .DisableAntiforgery();
        return app;
    }
}
