using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PainBot.Web.Tests.BotFramework.Support;

namespace PainBot.Web.Tests.BotFramework;

/// <summary>Replies reach the connector at the activity's serviceUrl with the right URL, body and token.</summary>
[Collection(BotFrameworkTestGroup.Name)]
public sealed class MessagesReplyTests(BotFrameworkFixture fixture)
{
    private const string TeamsConversation = "19:abc@thread.tacv2;messageid=1700000000000";
    private const string EscapedTeamsConversation = "19%3Aabc%40thread.tacv2%3Bmessageid%3D1700000000000";

    [Fact]
    public async Task Message_TeamsChannel_ReplyToEscapedUrlWithBearer()
    {
        var serviceUrl = fixture.Connector.ServiceUrl;
        var activity = TestActivities.TeamsChannelMessage(serviceUrl, TeamsConversation, "<at>PainBot</at> what helps with a flare-up of low back pain?");

        using var response = await TestActivities.PostAsync(fixture.AuthenticatedClient, activity, fixture.Identity.Mint(serviceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
        var sent = await fixture.SentAsync(EscapedTeamsConversation);
        Assert.NotEmpty(sent);
        Assert.All(sent, r =>
        {
            Assert.Equal("POST", r.Method);
            Assert.Equal($"/v3/conversations/{EscapedTeamsConversation}/activities/1700000000001", r.RawTarget);
            Assert.Matches("^Bearer bot-token-\\d+$", r.Authorization);
            Assert.Equal("application/json; charset=utf-8", r.ContentType);
        });

        // Without a language model the answer comes at once: no typing first.
        Assert.All(sent, r => Assert.Equal("message", (string?)JsonNode.Parse(r.Body)!["type"]));
        var reply = JsonNode.Parse(sent[^1].Body)!;
        Assert.Equal("message", (string?)reply["type"]);
        Assert.Null(reply["id"]);
        Assert.Null(reply["timestamp"]);
        Assert.Equal("msteams", (string?)reply["channelId"]);
        Assert.Equal(serviceUrl, (string?)reply["serviceUrl"]);
        Assert.Equal(TestActivities.BotId, (string?)reply["from"]?["id"]);
        Assert.Equal("29:user-1", (string?)reply["recipient"]?["id"]);
        Assert.Equal(TeamsConversation, (string?)reply["conversation"]?["id"]);
        Assert.Equal("72f988bf-0000", (string?)reply["conversation"]?["tenantId"]);
        Assert.Equal("1700000000001", (string?)reply["replyToId"]);
        Assert.Equal("markdown", (string?)reply["textFormat"]);
        Assert.Equal("acceptingInput", (string?)reply["inputHint"]);
        Assert.NotNull(reply["channelData"]?["painbot"]?["kind"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)reply["text"]));

        // Teams shows suggested actions in personal chats only, and renders no headers.
        Assert.Null(reply["suggestedActions"]);
        Assert.DoesNotMatch("(?m)^#+ ", (string?)reply["text"]);
    }

    [Fact]
    public async Task Message_TeamsBareMention_MentionStrippedAndHelpShown()
    {
        var serviceUrl = fixture.Connector.ServiceUrl;
        const string Conversation = "19:bare@thread.tacv2;messageid=42";
        var activity = TestActivities.TeamsChannelMessage(serviceUrl, Conversation, "  <AT>PainBot</AT> ");

        using var response = await TestActivities.PostAsync(fixture.AuthenticatedClient, activity, fixture.Identity.Mint(serviceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = JsonNode.Parse(Assert.Single(await fixture.SentAsync(Uri.EscapeDataString(Conversation))).Body)!;
        Assert.Equal("welcome", (string?)reply["channelData"]?["painbot"]?["kind"]);
    }

    [Fact]
    public async Task Message_ConnectorAnswers401Once_RetriedWithFreshToken()
    {
        var serviceUrl = fixture.Connector.ServiceUrl;
        var activity = TestActivities.Message(serviceUrl, "unauthorized-once", "hello");
        var before = fixture.Identity.TokensIssued;

        using var response = await TestActivities.PostAsync(fixture.AuthenticatedClient, activity, fixture.Identity.Mint(serviceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = await fixture.SentAsync("unauthorized-once");
        // The refused reply and its retry with a fresh token, once: the refreshed token is then accepted.
        Assert.Equal(2, sent.Count);
        Assert.Equal(sent[0].Body, sent[1].Body);
        Assert.NotEqual(sent[0].Authorization, sent[1].Authorization);
        Assert.True(fixture.Identity.TokensIssued > before);
    }

    [Fact]
    public async Task Message_TokenCachedAcrossTurns_TokenEndpointCalledOnce()
    {
        var serviceUrl = fixture.Connector.ServiceUrl;
        using var warm = await TestActivities.PostAsync(fixture.AuthenticatedClient, TestActivities.Message(serviceUrl, "cache-1", "hello"), fixture.Identity.Mint(serviceUrl));
        var issued = fixture.Identity.TokensIssued;

        using var response = await TestActivities.PostAsync(fixture.AuthenticatedClient, TestActivities.Message(serviceUrl, "cache-2", "hello again"), fixture.Identity.Mint(serviceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(issued, fixture.Identity.TokensIssued);
        Assert.NotEmpty(await fixture.SentAsync("cache-2"));
    }

    [Fact]
    public async Task TokenRequest_ClientCredentialsForm()
    {
        var serviceUrl = fixture.Connector.ServiceUrl;
        using var response = await TestActivities.PostAsync(fixture.AuthenticatedClient, TestActivities.Message(serviceUrl, "form-1", "hi"), fixture.Identity.Mint(serviceUrl));

        var request = fixture.Identity.Server.Requests.First(r => r.RawTarget.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal));
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
        var form = request.Body.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1].Replace('+', ' ')));
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal(TestIdentityProvider.AppId, form["client_id"]);
        Assert.Equal(TestIdentityProvider.AppPassword, form["client_secret"]);
        Assert.Equal("https://api.botframework.com/.default", form["scope"]);
    }

    [Fact]
    public async Task Message_ExpectReplies_InlineAndNothingSent()
    {
        var serviceUrl = fixture.Connector.ServiceUrl;
        var activity = TestActivities.Message(serviceUrl, "expect-replies-1", "Does acupuncture help back pain?");
        activity["deliveryMode"] = "expectReplies";

        using var response = await TestActivities.PostAsync(fixture.AuthenticatedClient, activity, fixture.Identity.Mint(serviceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var activities = body.RootElement.GetProperty("activities").EnumerateArray().ToList();
        Assert.Equal("typing", activities[0].GetProperty("type").GetString());
        Assert.Contains(activities, a => a.GetProperty("type").GetString() == "message" && a.GetProperty("text").GetString()!.Length > 0);
        Assert.All(activities, a => Assert.False(a.TryGetProperty("id", out _)));
        Assert.Empty(await fixture.SentAsync("expect-replies-1"));
    }

    [Fact]
    public async Task ConversationUpdate_WebchatUserAdded_WelcomeSentToConversation()
    {
        var serviceUrl = fixture.Connector.ServiceUrl;
        var activity = TestActivities.ConversationUpdate(serviceUrl, "welcome-webchat", "webchat", TestActivities.BotId, "29:user-1");

        using var response = await TestActivities.PostAsync(fixture.AuthenticatedClient, activity, fixture.Identity.Mint(serviceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(await fixture.SentAsync("welcome-webchat"));
        Assert.Equal("/v3/conversations/welcome-webchat/activities", sent.RawTarget);
        var welcome = JsonNode.Parse(sent.Body)!;
        Assert.Equal("welcome", (string?)welcome["channelData"]?["painbot"]?["kind"]);
        Assert.NotNull(welcome["suggestedActions"]);
    }

    [Fact]
    public async Task ConversationUpdate_OnlyBotAddedOnWebchat_NoWelcome()
    {
        var serviceUrl = fixture.Connector.ServiceUrl;
        var activity = TestActivities.ConversationUpdate(serviceUrl, "welcome-bot-only", "webchat", TestActivities.BotId);

        using var response = await TestActivities.PostAsync(fixture.AuthenticatedClient, activity, fixture.Identity.Mint(serviceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await fixture.SentAsync("welcome-bot-only"));
    }

    [Fact]
    public async Task ConversationUpdate_BotAddedToTeam_IntroductionWithoutSuggestions()
    {
        var serviceUrl = fixture.Connector.ServiceUrl;
        const string Conversation = "19:team-general@thread.tacv2";
        var activity = TestActivities.ConversationUpdate(serviceUrl, Conversation, "msteams", TestActivities.BotId);
        activity["conversation"] = new JsonObject { ["id"] = Conversation, ["isGroup"] = true, ["conversationType"] = "channel" };
        activity["channelData"] = new JsonObject { ["eventType"] = "teamMemberAdded", ["team"] = new JsonObject { ["id"] = Conversation } };

        using var response = await TestActivities.PostAsync(fixture.AuthenticatedClient, activity, fixture.Identity.Mint(serviceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(await fixture.SentAsync(Uri.EscapeDataString(Conversation)));
        Assert.Equal($"/v3/conversations/{Uri.EscapeDataString(Conversation)}/activities/update-1", sent.RawTarget);
        var welcome = JsonNode.Parse(sent.Body)!;
        Assert.Equal("welcome", (string?)welcome["channelData"]?["painbot"]?["kind"]);
        Assert.Null(welcome["suggestedActions"]);
    }

    [Fact]
    public async Task ConversationUpdate_PersonJoinsTeam_NoWelcome()
    {
        var serviceUrl = fixture.Connector.ServiceUrl;
        const string Conversation = "19:team-join@thread.tacv2";
        var activity = TestActivities.ConversationUpdate(serviceUrl, Conversation, "msteams", "29:new-person");
        activity["conversation"] = new JsonObject { ["id"] = Conversation, ["isGroup"] = true, ["conversationType"] = "channel" };

        using var response = await TestActivities.PostAsync(fixture.AuthenticatedClient, activity, fixture.Identity.Mint(serviceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await fixture.SentAsync(Uri.EscapeDataString(Conversation)));
    }

    [Fact]
    public async Task ConversationUpdate_TeamsPersonalInstall_WelcomeWithSuggestions()
    {
        var serviceUrl = fixture.Connector.ServiceUrl;
        const string Conversation = "a:1personal-chat";
        var activity = TestActivities.ConversationUpdate(serviceUrl, Conversation, "msteams", TestActivities.BotId, "29:user-1");
        activity["conversation"] = new JsonObject { ["id"] = Conversation, ["conversationType"] = "personal" };

        using var response = await TestActivities.PostAsync(fixture.AuthenticatedClient, activity, fixture.Identity.Mint(serviceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var welcome = JsonNode.Parse(Assert.Single(await fixture.SentAsync(Uri.EscapeDataString(Conversation))).Body)!;
        Assert.NotNull(welcome["suggestedActions"]?["actions"]);
        Assert.Equal("imBack", (string?)welcome["suggestedActions"]?["actions"]?[0]?["type"]);
    }
}
