using System.Net;

namespace PainBot.Web.Tests.DirectLine;

/// <summary>Its own host, because moving the clock would expire the other tests' tokens.</summary>
public sealed class DirectLineExpiryTests : IDisposable
{
    private readonly DirectLineApplication _app = new();
    private readonly DirectLineClient _client;

    public DirectLineExpiryTests() => _client = new DirectLineClient(_app.CreateClient());

    [Fact]
    public async Task ExpiredToken_Is403ForRefreshAndActivities()
    {
        var opened = await _client.StartAsync((await _client.GenerateTokenAsync()).Token!);

        _app.Time.Advance(TimeSpan.FromMinutes(31));

        using var refresh = await _client.SendAsync(HttpMethod.Post, "/tokens/refresh", opened.Token);
        using var read = await _client.SendAsync(HttpMethod.Get, $"/conversations/{opened.ConversationId}/activities?watermark=", opened.Token);
        using var post = await _client.SendAsync(HttpMethod.Post, $"/conversations/{opened.ConversationId}/activities", opened.Token, """{"type":"message","text":"hi"}""");
        Assert.Equal(HttpStatusCode.Forbidden, refresh.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal("TokenExpired", (await DirectLineClient.ReadAsync<PainBot.BotFramework.DirectLine.ErrorResponse>(read))!.Error.Code);
    }

    [Fact]
    public async Task RefreshedToken_OutlivesTheOriginal()
    {
        var generated = await _client.GenerateTokenAsync();
        _app.Time.Advance(TimeSpan.FromMinutes(20));
        using var refresh = await _client.SendAsync(HttpMethod.Post, "/tokens/refresh", generated.Token);
        var refreshed = await DirectLineClient.ReadAsync<PainBot.BotFramework.DirectLine.Conversation>(refresh);

        _app.Time.Advance(TimeSpan.FromMinutes(20));

        using var old = await _client.SendAsync(HttpMethod.Post, "/conversations", generated.Token);
        using var fresh = await _client.SendAsync(HttpMethod.Post, "/conversations", refreshed!.Token);
        Assert.Equal(HttpStatusCode.Forbidden, old.StatusCode);
        Assert.Equal(HttpStatusCode.Created, fresh.StatusCode);
    }

    public void Dispose() => _app.Dispose();
}
