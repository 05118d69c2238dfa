using System.Net;
using System.Text.Json;
using PainBot.BotFramework.DirectLine;

namespace PainBot.Web.Tests.DirectLine;

public sealed class DirectLineEndpointsTests(DirectLineApplication app) : IClassFixture<DirectLineApplication>
{
    private readonly DirectLineClient _client = new(app.CreateClient());

    [Fact]
    public async Task TokensGenerate_WithSecret_ReturnsTokenForNewConversation()
    {
        var generated = await _client.GenerateTokenAsync();

        Assert.False(string.IsNullOrEmpty(generated.ConversationId));
        Assert.False(string.IsNullOrEmpty(generated.Token));
        Assert.NotEqual(DirectLineApplication.Secret, generated.Token);
        Assert.Equal(1800, generated.ExpiresIn);
    }

    [Fact]
    public async Task TokensGenerate_WithTokenOrNothing_IsRefused()
    {
        var generated = await _client.GenerateTokenAsync();

        using var withToken = await _client.SendAsync(HttpMethod.Post, "/tokens/generate", generated.Token);
        using var anonymous = await _client.SendAsync(HttpMethod.Post, "/tokens/generate", null);
        using var forged = await _client.SendAsync(HttpMethod.Post, "/tokens/generate", generated.Token![..^2] + "AA");

        Assert.Equal(HttpStatusCode.Forbidden, withToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        var error = await DirectLineClient.ReadAsync<ErrorResponse>(anonymous);
        Assert.Equal("Unauthorized", error!.Error.Code);
    }

    [Fact]
    public async Task TokensRefresh_ValidToken_SameConversationNewToken()
    {
        var generated = await _client.GenerateTokenAsync();

        using var response = await _client.SendAsync(HttpMethod.Post, "/tokens/refresh", generated.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refreshed = await DirectLineClient.ReadAsync<Conversation>(response);
        Assert.Equal(generated.ConversationId, refreshed!.ConversationId);
        Assert.NotEqual(generated.Token, refreshed.Token);
        Assert.Equal(generated.ConversationId, (await _client.StartAsync(refreshed.Token!)).ConversationId);
    }

    [Fact]
    public async Task Token_OpensOnlyItsOwnConversation()
    {
        var generated = await _client.GenerateTokenAsync();

        using var first = await _client.SendAsync(HttpMethod.Post, "/conversations", generated.Token, """{"user":{}}""");
        using var again = await _client.SendAsync(HttpMethod.Post, "/conversations", generated.Token, null);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var opened = await DirectLineClient.ReadAsync<Conversation>(first);
        var reopened = await DirectLineClient.ReadAsync<Conversation>(again);
        Assert.Equal(generated.ConversationId, opened!.ConversationId);
        Assert.Equal(generated.ConversationId, reopened!.ConversationId);
        Assert.StartsWith("ws://", opened.StreamUrl, StringComparison.Ordinal);
        Assert.Contains("/v3/directline/conversations/" + generated.ConversationId + "/stream?", opened.StreamUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secret_StartsConversationAndReturnsItsToken()
    {
        var opened = await _client.StartAsync(DirectLineApplication.Secret);

        Assert.NotEqual(DirectLineApplication.Secret, opened.Token);
        var (set, _) = await _client.GetActivitiesAsync(opened.ConversationId!, opened.Token!, null);
        Assert.Equal("welcome", Assert.Single(set.Activities).Text);
    }

    [Fact]
    public async Task TokenForAnotherConversation_Is403()
    {
        var mine = await _client.StartAsync((await _client.GenerateTokenAsync()).Token!);
        var theirs = await _client.StartAsync((await _client.GenerateTokenAsync()).Token!);

        using var read = await _client.SendAsync(HttpMethod.Get, $"/conversations/{theirs.ConversationId}/activities", mine.Token);
        using var post = await _client.SendAsync(HttpMethod.Post, $"/conversations/{theirs.ConversationId}/activities", mine.Token, """{"type":"message","text":"hi"}""");
        using var reconnect = await _client.SendAsync(HttpMethod.Get, $"/conversations/{theirs.ConversationId}", mine.Token);

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reconnect.StatusCode);
    }

    [Fact]
    public async Task UnknownConversation_Is404()
    {
        using var response = await _client.SendAsync(HttpMethod.Get, "/conversations/nope/activities?watermark=", DirectLineApplication.Secret);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Post_EchoesActivityWithIdTimestampAndClientActivityId_ThenBotReply()
    {
        var generated = await _client.GenerateTokenAsync();
        var opened = await _client.StartAsync(generated.Token!);

        var id = await _client.PostAsync(opened.ConversationId!, opened.Token!, "hello", "client-1");

        var (set, raw) = await _client.GetActivitiesAsync(opened.ConversationId!, opened.Token!, "");
        Assert.Equal(3, set.Activities.Count);
        var echo = set.Activities[1];
        Assert.Equal(id, echo.Id);
        Assert.Equal(opened.ConversationId + "|0000002", echo.Id);
        Assert.Equal("hello", echo.Text);
        Assert.Equal("client-1", echo.ChannelData!.Value.GetProperty("clientActivityID").GetString());
        Assert.Equal("user", echo.From!.Role);
        Assert.NotEqual("someone-else", echo.From.Id);
        Assert.Equal("directline", echo.ChannelId);
        Assert.Equal(opened.ConversationId, echo.Conversation!.Id);

        var reply = set.Activities[2];
        Assert.Equal("reply to hello", reply.Text);
        Assert.Equal("bot", reply.From!.Role);
        Assert.Equal(id, reply.ReplyToId);
        Assert.Equal(echo.From.Id, reply.Recipient!.Id);

        foreach (var activity in raw.RootElement.GetProperty("activities").EnumerateArray())
        {
            Assert.EndsWith("Z", activity.GetProperty("timestamp").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Watermark_ReturnsOnlyLaterActivities_AndGarbageMeansFromStart()
    {
        var opened = await _client.StartAsync((await _client.GenerateTokenAsync()).Token!);
        var (afterWelcome, _) = await _client.GetActivitiesAsync(opened.ConversationId!, opened.Token!, null);
        Assert.Equal("1", afterWelcome.Watermark);

        await _client.PostAsync(opened.ConversationId!, opened.Token!, "one", "c1");

        var (later, _) = await _client.GetActivitiesAsync(opened.ConversationId!, opened.Token!, afterWelcome.Watermark);
        var (all, _) = await _client.GetActivitiesAsync(opened.ConversationId!, opened.Token!, "garbage");
        var (none, _) = await _client.GetActivitiesAsync(opened.ConversationId!, opened.Token!, later.Watermark);
        Assert.Equal(["one", "reply to one"], later.Activities.Select(a => a.Text));
        Assert.Equal("3", later.Watermark);
        Assert.Equal(3, all.Activities.Count);
        Assert.Empty(none.Activities);
        Assert.Equal("3", none.Watermark);
    }

    [Fact]
    public async Task Watermark_StaysValidWhenOldActivitiesAreDropped()
    {
        var opened = await _client.StartAsync((await _client.GenerateTokenAsync()).Token!);
        for (var i = 0; i < 6; i++)
        {
            await _client.PostAsync(opened.ConversationId!, opened.Token!, "m" + i, "c" + i);
        }

        var (all, _) = await _client.GetActivitiesAsync(opened.ConversationId!, opened.Token!, null);
        var (lastTwo, _) = await _client.GetActivitiesAsync(opened.ConversationId!, opened.Token!, "11");

        Assert.Equal(10, all.Activities.Count);
        Assert.Equal("13", all.Watermark);
        Assert.Equal(["m5", "reply to m5"], lastTwo.Activities.Select(a => a.Text));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"text":"no type"}""")]
    [InlineData("[1,2]")]
    public async Task Post_BadBody_Is400(string body)
    {
        var opened = await _client.StartAsync((await _client.GenerateTokenAsync()).Token!);

        using var response = await _client.SendAsync(HttpMethod.Post, $"/conversations/{opened.ConversationId}/activities", opened.Token, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BadArgument", (await DirectLineClient.ReadAsync<ErrorResponse>(response))!.Error.Code);
    }

    [Fact]
    public async Task Post_LargerThan256KB_Is413()
    {
        var opened = await _client.StartAsync((await _client.GenerateTokenAsync()).Token!);
        var body = JsonSerializer.Serialize(new { type = "message", text = new string('a', 256 * 1024) });

        using var response = await _client.SendAsync(HttpMethod.Post, $"/conversations/{opened.ConversationId}/activities", opened.Token, body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Post_BotFails_Is502()
    {
        var opened = await _client.StartAsync((await _client.GenerateTokenAsync()).Token!);

        using var response = await _client.SendAsync(HttpMethod.Post, $"/conversations/{opened.ConversationId}/activities", opened.Token, """{"type":"message","text":"fail"}""");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }

    [Fact]
    public async Task Cors_AllowsConfiguredOriginOnly()
    {
        using var allowed = Preflight(DirectLineApplication.AllowedOrigin);
        using var other = Preflight("https://evil.example");

        using var allowedResponse = await _client.Http.SendAsync(allowed);
        using var otherResponse = await _client.Http.SendAsync(other);

        Assert.Equal(DirectLineApplication.AllowedOrigin, allowedResponse.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("x-ms-bot-agent", string.Join(",", allowedResponse.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);
        Assert.False(otherResponse.Headers.Contains("Access-Control-Allow-Origin"));

        static HttpRequestMessage Preflight(string origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Options, DirectLineClient.Prefix + "/conversations");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-ms-bot-agent");
            return request;
        }
    }

    [Fact]
    public async Task ChatToken_GivesOneConversationTokenWithoutTheSecret()
    {
        using var response = await _client.Http.PostAsync(new Uri("/api/chat/token", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(DirectLineApplication.Secret, text, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(text);
        var token = json.RootElement.GetProperty("token").GetString()!;
        var conversationId = json.RootElement.GetProperty("conversationId").GetString()!;
        Assert.EndsWith("/v3/directline", json.RootElement.GetProperty("domain").GetString(), StringComparison.Ordinal);
        Assert.Equal(conversationId, (await _client.StartAsync(token)).ConversationId);
    }
}
