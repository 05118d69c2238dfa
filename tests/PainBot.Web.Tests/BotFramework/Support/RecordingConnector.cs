using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace PainBot.Web.Tests.BotFramework.Support;

/// <summary>
/// A channel connector on loopback: records the activities a bot posts and answers 200 {"id"}. A conversation
/// whose id contains "unauthorized-once" gets 401 on its first post, as a connector does with a stale token.
/// </summary>
public sealed class RecordingConnector : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, int> _refused = new(StringComparer.Ordinal);
    private int _ids;

    private RecordingConnector()
    {
    }

    public LoopbackServer Server { get; private set; } = null!;

    /// <summary>The serviceUrl to put in activities.</summary>
    public string ServiceUrl => Server.BaseAddress.ToString();

    public static async Task<RecordingConnector> StartAsync()
    {
        var connector = new RecordingConnector();
        connector.Server = await LoopbackServer.StartAsync(connector.HandleAsync);
        return connector;
    }

    /// <summary>Requests whose raw target contains <paramref name="escapedConversationId"/>.</summary>
    public IReadOnlyList<RecordedRequest> For(string escapedConversationId) =>
        [.. Server.Requests.Where(r => r.RawTarget.Contains(escapedConversationId, StringComparison.Ordinal))];

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private async Task HandleAsync(HttpContext context, RecordedRequest request)
    {
        context.Response.ContentType = "application/json";
        if (request.RawTarget.Contains("unauthorized-once", StringComparison.Ordinal) && _refused.TryAdd(request.RawTarget, 1))
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("""{"error":{"code":"Unauthorized","message":"Token expired"}}""");
            return;
        }

        await context.Response.WriteAsync(JsonSerializer.Serialize(new { id = $"act-{Interlocked.Increment(ref _ids)}" }));
    }
}
