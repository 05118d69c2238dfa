using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PainBot.Web.Tests.BotFramework.Support;

namespace PainBot.Web.Tests.BotFramework;

/// <summary>The inbound token matrix for POST /api/messages, against metadata and keys served on loopback.</summary>
[Collection(BotFrameworkTestGroup.Name)]
public sealed class MessagesAuthenticationTests(BotFrameworkFixture fixture)
{
    private const string EmulatorKid = "emulator";

    [Theory]
    [InlineData("valid", HttpStatusCode.OK, null)]
    [InlineData("expired within skew", HttpStatusCode.OK, null)]
    [InlineData("wrong audience", HttpStatusCode.Unauthorized, "audience")]
    [InlineData("wrong issuer", HttpStatusCode.Unauthorized, "issuer")]
    [InlineData("expired beyond skew", HttpStatusCode.Unauthorized, "expired")]
    [InlineData("not yet valid", HttpStatusCode.Unauthorized, "not yet valid")]
    [InlineData("serviceUrl mismatch", HttpStatusCode.Unauthorized, "does not match")]
    [InlineData("no serviceurl claim", HttpStatusCode.Unauthorized, "no serviceurl")]
    [InlineData("channel not endorsed", HttpStatusCode.Unauthorized, "not endorsed")]
    [InlineData("key without endorsements", HttpStatusCode.Unauthorized, "no endorsements")]
    [InlineData("unknown key", HttpStatusCode.Unauthorized, "signing key is unknown")]
    [InlineData("HS256", HttpStatusCode.Unauthorized, "the token's sign")]
    [InlineData("unsigned", HttpStatusCode.Unauthorized, "invalid")]
    [InlineData("not a JWT", HttpStatusCode.Unauthorized, "not a JWT")]
    [InlineData("no header", HttpStatusCode.Unauthorized, "no Authorization header")]
    [InlineData("emulator v1", HttpStatusCode.OK, null)]
    [InlineData("emulator v2", HttpStatusCode.OK, null)]
    [InlineData("emulator other app", HttpStatusCode.Unauthorized, "another app")]
    [InlineData("emulator without ver", HttpStatusCode.Unauthorized, "no ver claim")]
    public async Task Messages_TokenCase_ExpectedStatus(string scenario, HttpStatusCode expected, string? reason)
    {
        var serviceUrl = fixture.Connector.ServiceUrl;
        var activity = TestActivities.Message(serviceUrl, "auth-" + scenario.Replace(' ', '-'), "hello");
        activity["deliveryMode"] = "expectReplies";
        var now = DateTime.UtcNow;
        var idp = fixture.Identity;
        var token = scenario switch
        {
            "valid" => idp.Mint(serviceUrl),
            "expired within skew" => idp.Mint(serviceUrl, notBefore: now.AddHours(-1), expires: now.AddMinutes(-2)),
            "wrong audience" => idp.Mint(serviceUrl, audience: "another-bot"),
            "wrong issuer" => idp.Mint(serviceUrl, issuer: "https://api.botframework.evil"),
            "expired beyond skew" => idp.Mint(serviceUrl, notBefore: now.AddHours(-2), expires: now.AddMinutes(-10)),
            "not yet valid" => idp.Mint(serviceUrl, notBefore: now.AddMinutes(10), expires: now.AddHours(1)),
            "serviceUrl mismatch" => idp.Mint("https://smba.trafficmanager.net/amer/"),
            "no serviceurl claim" => idp.Mint(string.Empty),
            "channel not endorsed" => idp.Mint(serviceUrl, kid: "slack-only"),
            "key without endorsements" => idp.Mint(serviceUrl, kid: "no-endorsements"),
            "unknown key" => idp.Mint(serviceUrl, kid: "unpublished"),
            "HS256" => idp.Mint(serviceUrl, signingCredentials: TestIdentityProvider.Hs256()),
            "unsigned" => TestIdentityProvider.MintUnsigned(serviceUrl),
            "not a JWT" => "not-a-jwt",
            "no header" => null,
            "emulator v1" => idp.Mint(serviceUrl, EmulatorKid, TestIdentityProvider.EmulatorIssuer, claims: new Dictionary<string, object> { ["ver"] = "1.0", ["appid"] = TestIdentityProvider.AppId }),
            "emulator v2" => idp.Mint(serviceUrl, EmulatorKid, "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0", claims: new Dictionary<string, object> { ["ver"] = "2.0", ["azp"] = TestIdentityProvider.AppId }),
            "emulator other app" => idp.Mint(serviceUrl, EmulatorKid, TestIdentityProvider.EmulatorIssuer, claims: new Dictionary<string, object> { ["ver"] = "1.0", ["appid"] = "someone-else" }),
            "emulator without ver" => idp.Mint(serviceUrl, EmulatorKid, TestIdentityProvider.EmulatorIssuer, claims: new Dictionary<string, object> { ["appid"] = TestIdentityProvider.AppId }),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        };

        var logged = fixture.Authenticated.Logs.Entries.Count;

        using var response = await TestActivities.PostAsync(fixture.AuthenticatedClient, activity, token);

        Assert.Equal(expected, response.StatusCode);
        if (reason is not null)
        {
            // The right check refused it, not an accident of the setup.
            var rejection = Assert.Single(fixture.Authenticated.Logs.Entries.Skip(logged), e => e.Level == LogLevel.Warning);
            Assert.Contains(reason, rejection.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Messages_Rejected_LogsReasonNotToken()
    {
        var serviceUrl = fixture.Connector.ServiceUrl;
        var token = fixture.Identity.Mint(serviceUrl, audience: "another-bot");

        using var response = await TestActivities.PostAsync(fixture.AuthenticatedClient, TestActivities.Message(serviceUrl, "auth-log", "my knee hurts"), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var entries = fixture.Authenticated.Logs.Entries.ToArray();
        Assert.Contains(entries, e => e.Level == LogLevel.Warning && e.Message.Contains("audience", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.Message.Contains(token, StringComparison.Ordinal) || e.Message.Contains("my knee hurts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Messages_NoAppIdLoopbackWithoutHeader_Accepted()
    {
        var activity = TestActivities.Message(fixture.Connector.ServiceUrl, "open-1", "hello");
        activity["deliveryMode"] = "expectReplies";

        using var response = await TestActivities.PostAsync(fixture.OpenClient, activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Messages_NoAppIdWithToken_Unauthorized()
    {
        var serviceUrl = fixture.Connector.ServiceUrl;

        using var response = await TestActivities.PostAsync(fixture.OpenClient, TestActivities.Message(serviceUrl, "open-2", "hello"), fixture.Identity.Mint(serviceUrl));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public void Startup_NoAppId_LoudWarning()
    {
        Assert.Contains(fixture.Open.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("UNAUTHENTICATED", StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Authenticated.Logs.Entries, e => e.Message.Contains("UNAUTHENTICATED", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Messages_NoAppIdRepliesCarryNoToken()
    {
        var activity = TestActivities.Message(fixture.Connector.ServiceUrl, "open-replies", "hello");

        using var response = await TestActivities.PostAsync(fixture.OpenClient, activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = await fixture.SentAsync("open-replies");
        Assert.NotEmpty(sent);
        Assert.All(sent, r => Assert.Null(r.Authorization));
        _ = JsonNode.Parse(sent[0].Body);
    }
}
