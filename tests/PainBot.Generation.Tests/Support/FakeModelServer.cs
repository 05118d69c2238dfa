using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PainBot.Generation.Tests.Support;

/// <summary>
/// A real OpenAI-compatible HTTP server on a loopback port (Kestrel, port 0) serving <c>/v1/chat/completions</c>
/// from a script: the n-th request gets the n-th reply, and the last reply repeats. Request bodies are recorded.
/// </summary>
internal sealed class FakeModelServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<ScriptedReply> _script = [];
    private int _requests;

    private FakeModelServer(WebApplication app) => _app = app;

    public string Endpoint { get; private set; } = string.Empty;

    public int Requests => Volatile.Read(ref _requests);

    public ConcurrentQueue<string> Bodies { get; } = new();

    public static async Task<FakeModelServer> StartAsync(params ScriptedReply[] script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(1));
        var app = builder.Build();
        var server = new FakeModelServer(app);
        server._script.AddRange(script);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.Endpoint = address.TrimEnd('/') + "/v1";
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var n = Interlocked.Increment(ref _requests) - 1;
        using (var reader = new StreamReader(context.Request.Body))
        {
            Bodies.Enqueue(await reader.ReadToEndAsync(context.RequestAborted));
        }

        var reply = _script[Math.Min(n, _script.Count - 1)];
        if (reply.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(reply.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = "application/json";
        if (reply.RetryAfter is not null)
        {
            context.Response.Headers.RetryAfter = reply.RetryAfter;
        }

        await context.Response.WriteAsync(reply.Body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
