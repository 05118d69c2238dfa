using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using PainBot.BotFramework.DirectLine;
using PainBot.BotFramework.Schema;
using PainBot.Web.Tests.BotFramework.Support;
using PainBot.Web.Tests.DirectLine;

namespace PainBot.Web.Tests.State;

/// <summary>
/// Two real PainBot hosts (Kestrel on loopback, the real bot and knowledge) sharing one Redis corner and one
/// Direct Line secret, as two instances behind a load balancer. Started on first use, so a machine without Redis
/// skips instead of failing the fixture.
/// </summary>
public sealed class TwoHosts : IAsyncLifetime
{
    private readonly Lock _gate = new();

    public RedisTestState Redis { get; private set; } = null!;

    public BotApp One { get; private set; } = null!;

    public BotApp Two { get; private set; } = null!;

    public DirectLineClient ClientOne { get; private set; } = null!;

    public DirectLineClient ClientTwo { get; private set; } = null!;

    /// <summary>Skips (fails under CI) without Redis; starts both hosts once.</summary>
    public Task<TwoHosts> StartAsync()
    {
        PainBot.Tests.Shared.TestServices.RequireRedis();
        lock (_gate)
        {
            if (ClientOne is null)
            {
                Redis = new RedisTestState();
                (One, ClientOne) = StartHost();
                (Two, ClientTwo) = StartHost();
            }
        }

        return Task.FromResult(this);
    }

    /// <summary>Another host on the same Redis, owned by the caller.</summary>
    public (BotApp Host, DirectLineClient Client) StartHost()
    {
        var host = new BotApp(Redis.HostSettings());
        return (host, new DirectLineClient(host.Start()));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (ClientOne is not null)
        {
            ClientOne.Http.Dispose();
            ClientTwo.Http.Dispose();
            await One.DisposeAsync();
            await Two.DisposeAsync();
            await Redis.DisposeAsync();
        }
    }

    /// <summary>The next frame of a stream (null when the server closed it), with the close description.</summary>
    public static async Task<(ActivitySet? Set, string? Closed)> ReceiveAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (null, result.CloseStatusDescription ?? "");
            }

            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        return (JsonSerializer.Deserialize<ActivitySet>(Encoding.UTF8.GetString(message.ToArray()), BotJson.Options)!, null);
    }
}
