using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using PainBot.Web.DirectLine;
using PainBot.Web.Tests.BotFramework.Support;
using PainBot.Web.Tests.DirectLine;

namespace PainBot.Web.Tests.State;

/// <summary>
/// Redis going away (a redis-server of the test's own, stopped once the host is up): every Direct Line endpoint
/// answers 503 with Retry-After and problem details.
/// </summary>
public sealed class RedisOutageTests
{
    [SkippableFact]
    public async Task DirectLine_RedisUnreachable_Is503WithRetryAfter_AndOneWarning()
    {
        PainBot.Tests.Shared.TestServices.RequireRedis();
        var port = FreePort();
        using var redis = Process.Start(new ProcessStartInfo("redis-server", ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        await WaitForPortAsync(port);
        await using var app = new BotApp(new Dictionary<string, string?>
        {
            ["State:Provider"] = "Redis",
            ["State:Redis"] = $"127.0.0.1:{port},abortConnect=false,connectTimeout=300,asyncTimeout=1000,syncTimeout=1000",
            ["DirectLine:Secret"] = DirectLineApplication.Secret,
        });
        var client = new DirectLineClient(app.Start());
        redis.Kill();
        await redis.WaitForExitAsync();

        var requests = new (HttpMethod Method, string Path, string? Body)[]
        {
            (HttpMethod.Post, "/conversations", null),
            (HttpMethod.Get, "/conversations/outage-1", null),
            (HttpMethod.Get, "/conversations/outage-1/activities", null),
            (HttpMethod.Post, "/conversations/outage-1/activities", """{"type":"message","from":{"id":"u1"},"text":"hello"}"""),
            (HttpMethod.Get, "/conversations/outage-1/activities?watermark=3", null),
        };
        foreach (var (method, path, body) in requests)
        {
            using var response = await client.SendAsync(method, path, DirectLineApplication.Secret, body);
            var text = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{method} {path}: {(int)response.StatusCode} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(StateOutageFilter.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers.GetValues("Retry-After").Single());
            Assert.DoesNotContain("StackExchange", text, StringComparison.Ordinal);
            Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
        }

        Assert.Single(app.Logs.Entries, e => e.Level >= LogLevel.Warning && e.Category == typeof(StateOutageFilter).FullName);
        Assert.DoesNotContain(app.Logs.Entries, e => e.Level >= LogLevel.Error);
    }

    private static async Task WaitForPortAsync(int port)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException("redis-server did not start");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
