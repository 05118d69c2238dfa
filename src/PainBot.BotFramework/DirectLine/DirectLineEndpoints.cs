using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PainBot.BotFramework.Schema;

namespace PainBot.BotFramework.DirectLine;

/// <summary>The Direct Line 3.0 REST and WebSocket endpoints under <c>/v3/directline</c>.</summary>
public static class DirectLineEndpoints
{
    /// <summary>Route prefix; clients are given <c>{origin}/v3/directline</c> as their domain.</summary>
    public const string Prefix = "/v3/directline";

    /// <summary>Token parameters are small; anything larger is not a real client.</summary>
    private const int MaxParametersBytes = 16 * 1024;

    /// <summary>
    /// Maps the endpoints. The host must have called <c>UseWebSockets()</c> and, when <paramref name="corsPolicy"/> is
    /// given, <c>UseCors()</c>.
    /// </summary>
    public static RouteGroupBuilder MapDirectLineProtocol(this IEndpointRouteBuilder app, string? corsPolicy = null)
    {
        var group = app.MapGroup(Prefix);
        if (corsPolicy is not null)
        {
            group.RequireCors(corsPolicy);
        }

        group.MapPost("/tokens/generate", GenerateTokenAsync);
        group.MapPost("/tokens/refresh", RefreshToken);
        group.MapPost("/conversations", StartConversationAsync);
        group.MapGet("/conversations/{conversationId}", ReconnectAsync);
        group.MapGet("/conversations/{conversationId}/activities", GetActivitiesAsync);
        group.MapPost("/conversations/{conversationId}/activities", PostActivityAsync);
        group.Map("/conversations/{conversationId}/stream", StreamAsync);
        return group;
    }

    private static async Task<IResult> GenerateTokenAsync(HttpContext context, DirectLineTokens tokens)
    {
        var (caller, denied) = Authenticate(context, tokens);
        if (denied is not null)
        {
            return denied;
        }

        if (!caller!.IsSecret)
        {
            return Error(StatusCodes.Status403Forbidden, "Forbidden", "Generating a token needs the Direct Line secret.");
        }

        var (parameters, bad) = await ReadJsonAsync<TokenParameters>(context.Request, MaxParametersBytes).ConfigureAwait(false);
        if (bad is not null)
        {
            return bad;
        }

        var conversationId = DirectLineConversations.NewConversationId();
        var userId = string.IsNullOrWhiteSpace(parameters?.User?.Id) ? DirectLineConversations.NewUserId() : parameters.User.Id;
        return Json(StatusCodes.Status200OK, new Conversation
        {
            ConversationId = conversationId,
            Token = tokens.Issue(conversationId, userId),
            ExpiresIn = tokens.LifetimeSeconds,
        });
    }

    private static IResult RefreshToken(HttpContext context, DirectLineTokens tokens)
    {
        var (caller, denied) = Authenticate(context, tokens);
        if (denied is not null)
        {
            return denied;
        }

        if (caller!.IsSecret)
        {
            return Error(StatusCodes.Status403Forbidden, "Forbidden", "Only a token can be refreshed.");
        }

        return Json(StatusCodes.Status200OK, new Conversation
        {
            ConversationId = caller.ConversationId,
            Token = tokens.Issue(caller.ConversationId!, caller.UserId!),
            ExpiresIn = tokens.LifetimeSeconds,
        });
    }

    private static async Task<IResult> StartConversationAsync(HttpContext context, DirectLineTokens tokens, DirectLineConversations conversations)
    {
        var (caller, denied) = Authenticate(context, tokens);
        if (denied is not null)
        {
            return denied;
        }

        var (parameters, bad) = await ReadJsonAsync<TokenParameters>(context.Request, MaxParametersBytes).ConfigureAwait(false);
        if (bad is not null)
        {
            return bad;
        }

        string conversationId, userId, token;
        if (caller!.IsSecret)
        {
            conversationId = DirectLineConversations.NewConversationId();
            userId = string.IsNullOrWhiteSpace(parameters?.User?.Id) ? DirectLineConversations.NewUserId() : parameters.User.Id;
            token = tokens.Issue(conversationId, userId);
        }
        else
        {
            // A token opens the one conversation it was issued for, and reconnects to it after that.
            conversationId = caller.ConversationId!;
            userId = caller.UserId!;
            token = caller.Token!;
        }

        var result = await conversations.StartAsync(conversationId, userId, parameters?.Locale, context.RequestAborted).ConfigureAwait(false);
        if (result == CreateConversationResult.Full)
        {
            return Error(StatusCodes.Status429TooManyRequests, "TooManyRequests", "Too many open conversations; try again later.");
        }

        return Json(result == CreateConversationResult.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK, new Conversation
        {
            ConversationId = conversationId,
            Token = token,
            ExpiresIn = tokens.LifetimeSeconds,
            StreamUrl = StreamUrl(context.Request, conversationId, token, null),
        });
    }

    private static async Task<IResult> ReconnectAsync(HttpContext context, string conversationId, string? watermark, DirectLineTokens tokens, DirectLineConversations conversations)
    {
        var (caller, denied) = Authorize(context, tokens, conversationId, null);
        if (denied is not null)
        {
            return denied;
        }

        if (!await conversations.Store.ExistsAsync(conversationId, context.RequestAborted).ConfigureAwait(false))
        {
            return NotFound();
        }

        var token = caller!.Token ?? tokens.Issue(conversationId, DirectLineConversations.NewUserId());
        return Json(StatusCodes.Status200OK, new Conversation
        {
            ConversationId = conversationId,
            Token = token,
            ExpiresIn = tokens.LifetimeSeconds,
            StreamUrl = StreamUrl(context.Request, conversationId, token, watermark),
        });
    }

    private static async Task<IResult> GetActivitiesAsync(HttpContext context, string conversationId, string? watermark, DirectLineTokens tokens, DirectLineConversations conversations)
    {
        var (_, denied) = Authorize(context, tokens, conversationId, null);
        if (denied is not null)
        {
            return denied;
        }

        var set = await conversations.Store.GetActivitiesAsync(conversationId, ParseWatermark(watermark), context.RequestAborted).ConfigureAwait(false);
        return set is null ? NotFound() : Json(StatusCodes.Status200OK, set);
    }

    private static async Task<IResult> PostActivityAsync(HttpContext context, string conversationId, DirectLineTokens tokens, DirectLineConversations conversations, IOptions<DirectLineOptions> options)
    {
        var (caller, denied) = Authorize(context, tokens, conversationId, null);
        if (denied is not null)
        {
            return denied;
        }

        var (activity, bad) = await ReadJsonAsync<Activity>(context.Request, options.Value.MaxActivityBytes).ConfigureAwait(false);
        if (bad is not null)
        {
            return bad;
        }

        if (activity is null || string.IsNullOrWhiteSpace(activity.Type))
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "The body must be an activity with a type.");
        }

        var result = await conversations.PostAsync(conversationId, activity, caller!, context.RequestAborted).ConfigureAwait(false);
        if (result.Echo is null)
        {
            return NotFound();
        }

        return result.BotFailed
            ? Error(StatusCodes.Status502BadGateway, "BotError", "The bot failed to process the activity.")
            : Json(StatusCodes.Status200OK, new ResourceResponse { Id = result.Echo.Id });
    }

    private static async Task StreamAsync(HttpContext context, string conversationId, string? watermark, DirectLineTokens tokens, DirectLineConversations conversations, DirectLineStreams streams)
    {
        var (_, denied) = Authorize(context, tokens, conversationId, context.Request.Query["t"].ToString());
        if (denied is null && !context.WebSockets.IsWebSocketRequest)
        {
            denied = Error(StatusCodes.Status400BadRequest, "BadArgument", "This endpoint needs a WebSocket upgrade.");
        }

        if (denied is null && !await conversations.Store.ExistsAsync(conversationId, context.RequestAborted).ConfigureAwait(false))
        {
            denied = NotFound();
        }

        if (denied is not null)
        {
            await denied.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DirectLineEndpoints));
        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var replaced = streams.Register(conversationId);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, replaced.Token);

        // Reading has its own token: cancelling a receive aborts the socket, and a replaced socket should get a close frame.
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var receiving = DrainUntilClosedAsync(socket, stop, stopReading.Token);
        try
        {
            var position = ParseWatermark(watermark);
            while (!stop.IsCancellationRequested)
            {
                var set = await conversations.Store.GetActivitiesAsync(conversationId, position, stop.Token).ConfigureAwait(false);
                if (set is null)
                {
                    break;
                }

                if (set.Activities.Count > 0)
                {
                    var frame = JsonSerializer.SerializeToUtf8Bytes(set, BotJson.Options);
                    await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, stop.Token).ConfigureAwait(false);
                }

                position = ParseWatermark(set.Watermark);
                await conversations.Store.WaitForActivitiesAsync(conversationId, position, stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The client went away or a newer socket took over.
        }
        finally
        {
            streams.Unregister(conversationId, replaced);
            var collision = replaced.IsCancellationRequested;
            if (collision)
            {
                DirectLineLog.StreamCollision(logger, conversationId);
            }

            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                try
                {
                    using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, collision ? "collision" : null, closing.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException or WebSocketException)
                {
                    // Nothing more to say to a socket that is already gone.
                }
            }

            await stop.CancelAsync().ConfigureAwait(false);

            // Give the client a moment to answer the close frame, then stop reading.
            stopReading.CancelAfter(TimeSpan.FromSeconds(2));
            await receiving.ConfigureAwait(false);
            replaced.Dispose();
            DirectLineLog.StreamClosed(logger, conversationId);
        }
    }

    /// <summary>Reads and ignores what the client sends (keep-alives) until it closes, then stops the sender.</summary>
    private static async Task DrainUntilClosedAsync(WebSocket socket, CancellationTokenSource stop, CancellationToken stopReading)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var received = await socket.ReceiveAsync(buffer, stopReading).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Closed under us.
        }

        await stop.CancelAsync().ConfigureAwait(false);
    }

    private static (DirectLineCaller? Caller, IResult? Denied) Authenticate(HttpContext context, DirectLineTokens tokens, string? credential = null)
    {
        credential ??= BearerToken(context.Request);
        var (status, caller) = tokens.Check(credential);
        return status switch
        {
            CredentialStatus.Valid => (caller, null),
            CredentialStatus.Expired => (null, Error(StatusCodes.Status403Forbidden, "TokenExpired", "The token has expired.")),
            _ => (null, Error(StatusCodes.Status401Unauthorized, "Unauthorized", "A Direct Line secret or token is required.")),
        };
    }

    private static (DirectLineCaller? Caller, IResult? Denied) Authorize(HttpContext context, DirectLineTokens tokens, string conversationId, string? credential)
    {
        var (caller, denied) = Authenticate(context, tokens, string.IsNullOrEmpty(credential) ? null : credential);
        if (denied is not null)
        {
            return (null, denied);
        }

        return caller!.MayUse(conversationId)
            ? (caller, null)
            : (null, Error(StatusCodes.Status403Forbidden, "Forbidden", "The token is not valid for this conversation."));
    }

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : null;
    }

    /// <summary>Reads an optional JSON body with a size limit: (value, null), or (null, 400/413).</summary>
    private static async Task<(T? Value, IResult? Bad)> ReadJsonAsync<T>(HttpRequest request, int maxBytes)
        where T : class
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (body.Length + read > maxBytes)
            {
                return (null, TooLarge(maxBytes));
            }

            body.Write(buffer, 0, read);
        }

        var bytes = body.GetBuffer().AsMemory(0, (int)body.Length);
        if (bytes.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return (null, null);
        }

        try
        {
            return (JsonSerializer.Deserialize<T>(bytes.Span, BotJson.Options), null);
        }
        catch (JsonException)
        {
            return (null, Error(StatusCodes.Status400BadRequest, "BadArgument", "The body is not valid JSON of the expected shape."));
        }
    }

    private static IResult TooLarge(int maxBytes) =>
        Error(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", string.Create(CultureInfo.InvariantCulture, $"The body is larger than {maxBytes} bytes."));

    /// <summary>Empty, "-", null or garbage mean "from the start" (DirectLineJS first sends an empty watermark).</summary>
    private static long ParseWatermark(string? watermark) =>
        long.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static string StreamUrl(HttpRequest request, string conversationId, string token, string? watermark)
    {
        var scheme = request.IsHttps ? "wss" : "ws";
        var mark = string.IsNullOrEmpty(watermark) ? "-" : Uri.EscapeDataString(watermark);
        return $"{scheme}://{request.Host}{request.PathBase}{Prefix}/conversations/{Uri.EscapeDataString(conversationId)}/stream?watermark={mark}&t={Uri.EscapeDataString(token)}";
    }

    private static IResult NotFound() => Error(StatusCodes.Status404NotFound, "NotFound", "The conversation does not exist or has ended.");

    private static IResult Error(int status, string code, string message) => Json(status, new ErrorResponse(new ErrorDetail(code, message)));

    private static IResult Json<T>(int status, T value) => Results.Json(value, BotJson.Options, "application/json; charset=utf-8", status);
}
