using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using PainBot.BotFramework.DirectLine;
using PainBot.BotFramework.Schema;

namespace PainBot.Web.Tests.DirectLine;

public sealed class DirectLineStreamTests(DirectLineApplication app) : IClassFixture<DirectLineApplication>
{
    [Fact]
    public async Task Stream_ReplaysPendingThenPushesEchoAndReply()
    {
        var client = new DirectLineClient(app.CreateClient());
        var opened = await client.StartAsync((await client.GenerateTokenAsync()).Token!);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var ws = app.Server.CreateWebSocketClient();

        // The stream URL is preauthorised with ?t= and carries no Authorization header.
        using var socket = await ws.ConnectAsync(new Uri(opened.StreamUrl!), timeout.Token);
        var first = await ReceiveAsync(socket, timeout.Token);
        Assert.Equal("welcome", Assert.Single(first.Activities).Text);
        Assert.Equal("1", first.Watermark);

        var id = await client.PostAsync(opened.ConversationId!, opened.Token!, "over the socket", "ws-1");

        var seen = new List<Activity>();
        while (seen.Count < 2)
        {
            seen.AddRange((await ReceiveAsync(socket, timeout.Token)).Activities);
        }

        Assert.Equal(id, seen[0].Id);
        Assert.Equal("ws-1", seen[0].ChannelData!.Value.GetProperty("clientActivityID").GetString());
        Assert.Equal("reply to over the socket", seen[1].Text);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
    }

    [Fact]
    public async Task Stream_WithTokenOfAnotherConversation_IsRefused()
    {
        var client = new DirectLineClient(app.CreateClient());
        var mine = await client.StartAsync((await client.GenerateTokenAsync()).Token!);
        var theirs = await client.StartAsync((await client.GenerateTokenAsync()).Token!);
        var url = theirs.StreamUrl!.Replace(Uri.EscapeDataString(theirs.Token!), Uri.EscapeDataString(mine.Token!), StringComparison.Ordinal);

        await Assert.ThrowsAnyAsync<Exception>(() => app.Server.CreateWebSocketClient().ConnectAsync(new Uri(url), CancellationToken.None));
    }

    private static async Task<ActivitySet> ReceiveAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, cancellationToken);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        return JsonSerializer.Deserialize<ActivitySet>(Encoding.UTF8.GetString(message.ToArray()), BotJson.Options)!;
    }
}
