using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using PainBot.BotFramework.DirectLine;
using PainBot.Web.Operations;

namespace PainBot.Web.DirectLine;

/// <summary>The built-in Direct Line and the chat page's token endpoint.</summary>
public static class DirectLineWebExtensions
{
    /// <summary>CORS policy for the Direct Line and token endpoints: the configured origins only.</summary>
    public const string CorsPolicy = "DirectLine";

    /// <summary>Rate-limiter policy of <c>POST /api/chat/token</c>: per client IP (defined with the others in <see cref="RateLimiting"/>).</summary>
    public const string TokenRateLimitPolicy = "chat-token";

    /// <summary>Adds the Direct Line protocol with PainBot as its bot, CORS for the configured origins and the rate limits.</summary>
    public static IServiceCollection AddPainBotDirectLine(this IServiceCollection services)
    {
        services.AddDirectLineProtocol();
        services.AddSingleton<StateOutageFilter>();
        services.AddSingleton<IDirectLineBot, PainBotDirectLineBot>();
        services.AddOptions<ChatTokenOptions>().BindConfiguration(ChatTokenOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<DirectLineOptions>>((cors, directLine) =>
            cors.AddPolicy(CorsPolicy, policy => policy
                .WithOrigins([.. directLine.Value.AllowedOrigins])
                .WithHeaders("Authorization", "Content-Type", "x-ms-bot-agent")
                .WithMethods("GET", "POST")));
        services.AddPainBotRateLimiting();
        return services;
    }

    /// <summary>Maps <c>/v3/directline/*</c> and <c>POST /api/chat/token</c>, with the middleware they need.</summary>
    public static WebApplication MapDirectLine(this WebApplication app)
    {
        app.UseCors();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });

        // After CORS, so a refusal still carries the CORS headers a browser needs to read it; it covers /api/messages too.
        app.UseRateLimiter();
        app.MapDirectLineProtocol(CorsPolicy).AddEndpointFilter(app.Services.GetRequiredService<StateOutageFilter>());
        app.MapPost("/api/chat/token", IssueChatToken)
            .RequireCors(CorsPolicy)
            .RequireRateLimiting(TokenRateLimitPolicy);
        return app;
    }

    private static IResult IssueChatToken(HttpRequest request, DirectLineTokens tokens)
    {
        var conversationId = DirectLineConversations.NewConversationId();
        var userId = DirectLineConversations.NewUserId();
        var domain = $"{request.Scheme}://{request.Host}{request.PathBase}{DirectLineEndpoints.Prefix}";
        return Results.Ok(new ChatTokenResponse(tokens.Issue(conversationId, userId), conversationId, userId, tokens.LifetimeSeconds, domain));
    }
}
