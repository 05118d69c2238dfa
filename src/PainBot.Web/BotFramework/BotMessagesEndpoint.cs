using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PainBot.BotFramework.Authentication;
using PainBot.BotFramework.Connector;
using PainBot.BotFramework.Schema;

namespace PainBot.Web.BotFramework;

/// <summary>
/// <c>POST /api/messages</c>, answered as botbuilder's CloudAdapter does: for normal delivery 200 with an empty body
/// as soon as the activity is authenticated and queued (the turn runs on <see cref="BackgroundTurns"/> and its replies
/// go to the activity's serviceUrl), 200 with <see cref="ExpectedReplies"/> for deliveryMode expectReplies and the
/// invoke response (or 501) for invoke, both inline; 400 for a body that is not an activity, 413 for an oversized
/// body, 401 when authentication fails, 503 with Retry-After when the queue is full or the channel's signing keys
/// cannot be read.
/// </summary>
public sealed class BotMessagesEndpoint(
    BotActivityProcessor processor,
    BotTokenValidator validator,
    BotConnectorClient connector,
    BackgroundTurns queue,
    IOptions<BotFrameworkOptions> options,
    ILogger<BotMessagesEndpoint> logger)
{
    /// <summary>Handles one request.</summary>
    public async Task<IResult> HandleAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var body = await ReadBodyAsync(http.Request, settings.MaxRequestBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            BotFrameworkLog.BadRequest(logger, "body too large");
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Activity too large", detail: $"The request body exceeds {settings.MaxRequestBytes} bytes.");
        }

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(body, BotJson.Options);
        }
        catch (JsonException)
        {
            BotFrameworkLog.BadRequest(logger, "malformed JSON");
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed activity", detail: "The request body is not a JSON activity.");
        }

        if (activity is null || string.IsNullOrWhiteSpace(activity.Type))
        {
            BotFrameworkLog.BadRequest(logger, "no activity type");
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed activity", detail: "The activity has no type.");
        }

        var authorization = http.Request.Headers.Authorization.ToString();
        var auth = await validator.AuthenticateAsync(authorization, activity.ChannelId, activity.ServiceUrl, cancellationToken).ConfigureAwait(false);
        if (auth.IsAnonymous && !IsLoopback(http.Connection.RemoteIpAddress))
        {
            auth = BotAuthenticationResult.Fail("no app id is configured and the request is not from loopback");
        }

        if (auth.RetryAfter is { } retryAfter)
        {
            // The channel's signing keys cannot be read: the validator logged the outage once; say when to retry.
            BotFrameworkLog.Unavailable(logger, auth.Failure ?? "unknown");
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Authentication is unavailable", detail: "The request cannot be authenticated now; try again later.");
        }

        if (!auth.Succeeded)
        {
            BotFrameworkLog.Unauthorized(logger, auth.Failure ?? "unknown");
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized Access. Request is not authorized");
        }

        BotFrameworkLog.ActivityReceived(logger, activity.Type, activity.ChannelId);
        var expectReplies = string.Equals(activity.DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.Ordinal);
        if (!expectReplies && activity.Type != ActivityTypes.Invoke)
        {
            if (queue.TryEnqueue(activity))
            {
                return Results.Ok();
            }

            BotFrameworkLog.QueueFull(logger, activity.ChannelId);
            http.Response.Headers.RetryAfter = ((int)BackgroundTurns.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy", detail: "Too many turns are waiting; try again later.");
        }

        var buffer = new List<Activity>();
        InvokeResponse? invokeResponse;
        try
        {
            invokeResponse = await processor.ProcessAsync(
                activity,
                expectReplies ? (a, _) => Buffer(buffer, a) : (a, ct) => connector.SendAsync(a, ct),
                expectReplies,
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ConnectorException or BotAuthenticationException or HttpRequestException)
        {
            BotFrameworkLog.DeliveryFailed(logger, e, activity.ChannelId);
            return Results.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Replies could not be delivered");
        }

        if (activity.Type == ActivityTypes.Invoke)
        {
            if (invokeResponse is null)
            {
                BotFrameworkLog.InvokeNotImplemented(logger, activity.Name);
                return Results.StatusCode(StatusCodes.Status501NotImplemented);
            }

            return invokeResponse.Body is { } invokeBody
                ? Results.Json(invokeBody, BotJson.Options, statusCode: invokeResponse.Status)
                : Results.StatusCode(invokeResponse.Status);
        }

        return expectReplies
            ? Results.Json(new ExpectedReplies { Activities = buffer }, BotJson.Options, statusCode: StatusCodes.Status200OK)
            : Results.Ok();
    }

    private static Task Buffer(List<Activity> buffer, Activity activity)
    {
        activity.Id = null;
        buffer.Add(activity);
        return Task.CompletedTask;
    }

    private static bool IsLoopback(IPAddress? address) => address is not null && IPAddress.IsLoopback(address);

    /// <summary>The body, or null when it is larger than <paramref name="limit"/> bytes.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var copy = new MemoryStream(request.ContentLength is > 0 and var length ? (int)length : 1024);
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (copy.Length + read > limit)
                {
                    return null;
                }

                copy.Write(chunk, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }

        return copy.ToArray();
    }
}
