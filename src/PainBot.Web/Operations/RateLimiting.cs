using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PainBot.BotFramework.DirectLine;
using PainBot.Web.DirectLine;

namespace PainBot.Web.Operations;

/// <summary>
/// ASP.NET Core rate limiting for the chat endpoints: per client address on <c>/api/messages</c> and the Direct
/// Line endpoints, per conversation on posting activities, and per client on <c>POST /api/chat/token</c> (the
/// endpoint policy <see cref="DirectLineWebExtensions.TokenRateLimitPolicy"/>). A refused request gets 429 with
/// Retry-After and problem details. Fixed one-minute windows: simple to reason about, and the limits are generous.
/// </summary>
public static class RateLimiting
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Registers the limiter and its validated options.</summary>
    public static IServiceCollection AddPainBotRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>, IOptions<ChatTokenOptions>>((limiter, limits, tokens) =>
        {
            var perClient = limits.Value.ClientPermitsPerMinute;
            var perConversation = limits.Value.ConversationActivitiesPerMinute;
            var tokenPermits = tokens.Value.ChatTokenPermitsPerMinute;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => IsLimited(http.Request.Path)
                    ? RateLimitPartition.GetFixedWindowLimiter("client:" + Client(http), _ => Fixed(perClient))
                    : RateLimitPartition.GetNoLimiter(string.Empty)),
                PartitionedRateLimiter.Create<HttpContext, string>(http => PostedConversation(http) is { } conversation
                    ? RateLimitPartition.GetFixedWindowLimiter("conversation:" + conversation, _ => Fixed(perConversation))
                    : RateLimitPartition.GetNoLimiter(string.Empty)));
            limiter.AddPolicy(DirectLineWebExtensions.TokenRateLimitPolicy, http =>
                RateLimitPartition.GetFixedWindowLimiter(Client(http), _ => Fixed(tokenPermits)));
        });
        return services;
    }

    private static FixedWindowRateLimiterOptions Fixed(int permits) => new()
    {
        PermitLimit = permits,
        Window = Window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static string Client(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static bool IsLimited(PathString path) =>
        path.StartsWithSegments("/api/messages") || path.StartsWithSegments(DirectLineEndpoints.Prefix);

    /// <summary>The conversation of <c>POST /v3/directline/conversations/{id}/activities</c> (or <c>/upload</c>), else null.</summary>
    private static string? PostedConversation(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method)
            || !http.Request.Path.StartsWithSegments(DirectLineEndpoints.Prefix + "/conversations", out var rest))
        {
            return null;
        }

        var segments = rest.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments is [var conversation, "activities" or "upload"] ? conversation : null;
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"Try again in {seconds} seconds.",
            },
        }).ConfigureAwait(false);
    }
}
