using System.Net;
using System.Text;

namespace PainBot.Web.Tests.Operations;

/// <summary>Per-client and per-conversation limits: 429 with Retry-After and problem details; other clients unaffected.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Messages_ClientOverLimit_429RetryAfterOthersUnaffected()
    {
        await using var app = new OperationsApp(new Dictionary<string, string?> { ["RateLimits:ClientPermitsPerMinute"] = "10" });
        using var busy = app.ClientFrom("203.0.113.5");
        using var other = app.ClientFrom("203.0.113.6");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var ok = await PostNotAnActivity(busy);
            statuses.Add(ok.StatusCode);
        }

        using var refused = await PostNotAnActivity(busy);
        using var unaffected = await PostNotAnActivity(other);
        using var directLine = await busy.GetAsync("/v3/directline/conversations/abc/activities");

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds");
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, unaffected.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, directLine.StatusCode);
    }

    [Fact]
    public async Task DirectLine_ConversationOverLimit_429OtherConversationUnaffected()
    {
        await using var app = new OperationsApp(new Dictionary<string, string?> { ["RateLimits:ConversationActivitiesPerMinute"] = "2" });
        using var client = app.ClientFrom("203.0.113.7");

        var first = await PostActivity(client, "conversation-a");
        var second = await PostActivity(client, "conversation-a");
        using var third = await PostActivityResponse(client, "conversation-a");
        var elsewhere = await PostActivity(client, "conversation-b");

        // Without a token the posts are refused by Direct Line itself (403), not by the limiter.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, first);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, second);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.NotNull(third.Headers.RetryAfter);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, elsewhere);
    }

    [Fact]
    public async Task ChatToken_OverLimit_429WithRetryAfter()
    {
        await using var app = new OperationsApp(new Dictionary<string, string?> { ["DirectLine:ChatTokenPermitsPerMinute"] = "1" });
        using var client = app.ClientFrom("203.0.113.8");
        using var other = app.ClientFrom("203.0.113.9");

        using var first = await client.PostAsync("/api/chat/token", null);
        using var second = await client.PostAsync("/api/chat/token", null);
        using var elsewhere = await other.PostAsync("/api/chat/token", null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.NotNull(second.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    [Fact]
    public void Options_LimitOutOfRange_HostRefusesToStartNamingTheKey()
    {
        using var app = new OperationsApp(new Dictionary<string, string?> { ["RateLimits:ClientPermitsPerMinute"] = "0" });

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("RateLimits:ClientPermitsPerMinute", error.ToString(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PostNotAnActivity(HttpClient client) =>
        client.PostAsync("/api/messages", new StringContent("{}", Encoding.UTF8, "application/json"));

    private static async Task<HttpStatusCode> PostActivity(HttpClient client, string conversation)
    {
        using var response = await PostActivityResponse(client, conversation);
        return response.StatusCode;
    }

    private static Task<HttpResponseMessage> PostActivityResponse(HttpClient client, string conversation) =>
        client.PostAsync($"/v3/directline/conversations/{conversation}/activities", new StringContent("""{"type":"message","text":"hi"}""", Encoding.UTF8, "application/json"));
}
