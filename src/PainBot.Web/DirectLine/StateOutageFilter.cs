using StackExchange.Redis;

namespace PainBot.Web.DirectLine;

/// <summary>
/// Answers a Redis outage (the shared state of State:Provider Redis cannot be reached) on every Direct Line endpoint
/// with 503, a Retry-After and problem details, instead of a 500 with the exception. One warning per outage, without
/// the stack: the first failing request logs it, the next request that succeeds ends the outage.
/// </summary>
public sealed partial class StateOutageFilter(ILogger<StateOutageFilter> logger) : IEndpointFilter
{
    /// <summary>Seconds a client is asked to wait.</summary>
    public const int RetryAfterSeconds = 5;

    private int _inOutage;

    /// <inheritdoc/>
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            var result = await next(context).ConfigureAwait(false);
            if (Volatile.Read(ref _inOutage) == 1 && Interlocked.Exchange(ref _inOutage, 0) == 1)
            {
                LogRecovered();
            }

            return result;
        }
        catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException)
        {
            if (Interlocked.Exchange(ref _inOutage, 1) == 0)
            {
                LogOutage(e.GetType().Name);
            }

            var response = context.HttpContext.Response;
            if (response.HasStarted)
            {
                // A WebSocket already accepted: the connection just ends, the client reconnects.
                return Results.Empty;
            }

            response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "The conversation store is not reachable; try again shortly.");
        }
    }

    [LoggerMessage(EventId = 6010, Level = LogLevel.Warning, Message = "Direct Line: the shared state on Redis is not reachable ({Error}); answering 503 until it is back.")]
    private partial void LogOutage(string error);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Information, Message = "Direct Line: the shared state on Redis answers again.")]
    private partial void LogRecovered();
}
