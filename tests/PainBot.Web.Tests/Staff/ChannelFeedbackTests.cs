using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PainBot.Core.Analytics;
using PainBot.Web.Tests.BotFramework.Support;
using PainBot.Web.Tests.DirectLine;

namespace PainBot.Web.Tests.Staff;

/// <summary>
/// Feedback as the channels send it: Teams' <c>message/submitAction</c> invoke on <c>/api/messages</c>, and Web
/// Chat's <c>webchat:activity-status/feedback</c> event through the built-in Direct Line; and the answers that
/// ask for it.
/// </summary>
public sealed class ChannelFeedbackTests : IClassFixture<ChannelFeedbackTests.Host>
{
    private const string ServiceUrl = "http://127.0.0.1:9/";
    private readonly Host _host;

    public ChannelFeedbackTests(Host host) => _host = host;

    [Fact]
    public async Task TeamsInvoke_SubmitActionFeedback_IsRecordedRedacted_AndAnswered200()
    {
        var invoke = TestActivities.Message(ServiceUrl, "a:teams-personal-1", string.Empty, "msteams", "invoke-1");
        invoke["type"] = "invoke";
        invoke["name"] = "message/submitAction";
        invoke["replyToId"] = "1700000000999";
        invoke.Remove("text");
        invoke["value"] = new JsonObject
        {
            ["actionName"] = "feedback",
            ["actionValue"] = new JsonObject
            {
                ["reaction"] = "dislike",
                ["feedback"] = """{"feedbackText":"wrong hours, call me on 555-123-4567 or jane.doe@example.com"}""",
            },
        };

        using var response = await TestActivities.PostAsync(_host.Http, invoke);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = Assert.Single(_host.App.Store.Feedback, f => f.ReplyId == "1700000000999");
        Assert.False(record.Helpful);
        Assert.Equal("msteams", record.Channel);
        Assert.Equal(AnalyticsKeys.Of("msteams", "a:teams-personal-1"), record.Conversation);
        Assert.Equal(AnalyticsKeys.Of("msteams", "29:user-1"), record.User);
        Assert.NotNull(record.Reason);
        Assert.Contains("wrong hours", record.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("555-123-4567", record.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("jane.doe@example.com", record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamsInvoke_Like_WithoutText_IsRecordedHelpful()
    {
        var invoke = SubmitAction("a:teams-personal-2", "like", """{"feedbackText":""}""");
        using var response = await TestActivities.PostAsync(_host.Http, invoke);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = Assert.Single(_host.App.Store.Feedback, f => f.Conversation == AnalyticsKeys.Of("msteams", "a:teams-personal-2"));
        Assert.True(record.Helpful);
        Assert.Null(record.Reason);
    }

    [Fact]
    public async Task TeamsInvoke_UnknownReaction_Is400_AndNothingRecorded()
    {
        var invoke = SubmitAction("a:teams-personal-3", "meh", null);
        using var response = await TestActivities.PostAsync(_host.Http, invoke);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(_host.App.Store.Feedback, f => f.Conversation == AnalyticsKeys.Of("msteams", "a:teams-personal-3"));
    }

    [Fact]
    public async Task TeamsAnswer_HasFeedbackLoop_ButEscalationDoesNot()
    {
        var answer = await ExpectRepliesAsync(TestActivities.Message(ServiceUrl, "a:teams-personal-4", "does acupuncture help back pain?", "msteams"));
        var escalation = await ExpectRepliesAsync(TestActivities.Message(ServiceUrl, "a:teams-personal-5", "i want to end it all", "msteams"));

        var message = answer.Last(a => a.GetProperty("type").GetString() == "message");
        Assert.Equal("answer", message.GetProperty("channelData").GetProperty("painbot").GetProperty("kind").GetString());
        Assert.True(message.GetProperty("channelData").GetProperty("feedbackLoopEnabled").GetBoolean());
        Assert.All(escalation.Where(a => a.GetProperty("type").GetString() == "message"), a =>
            Assert.False(a.GetProperty("channelData").TryGetProperty("feedbackLoopEnabled", out _)));
    }

    [Fact]
    public async Task WebChat_AnswerCarriesLikeAndDislike_AndTheClickIsRecorded()
    {
        var client = new DirectLineClient(_host.Http);
        var conversation = await client.StartAsync(DirectLineApplication.Secret);
        var id = conversation.ConversationId!;
        await client.PostAsync(id, DirectLineApplication.Secret, "does acupuncture help back pain?", "c1");
        var (set, raw) = await client.GetActivitiesAsync(id, DirectLineApplication.Secret, null);
        using (raw)
        {
            var answer = raw.RootElement.GetProperty("activities").EnumerateArray()
                .Last(a => a.GetProperty("type").GetString() == "message" && a.GetProperty("from").GetProperty("role").GetString() == "bot");
            Assert.Equal("answer", answer.GetProperty("channelData").GetProperty("painbot").GetProperty("kind").GetString());
            var entity = answer.GetProperty("entities").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "https://schema.org/Message");
            Assert.Equal(string.Empty, entity.GetProperty("@id").GetString());
            var actions = entity.GetProperty("potentialAction").EnumerateArray().ToList();
            Assert.Equal(["LikeAction", "DislikeAction"], actions.Select(a => a.GetProperty("@type").GetString()));

            // What Web Chat 4.18.1 posts when the thumb is clicked: an event whose only entity is the action as received.
            var dislike = JsonNode.Parse(actions[1].GetRawText())!;
            var userId = set.Activities.First(a => a.From?.Role == "user").From!.Id!;
            var click = new JsonObject
            {
                ["type"] = "event",
                ["name"] = "webchat:activity-status/feedback",
                ["from"] = new JsonObject { ["id"] = userId, ["role"] = "user" },
                ["entities"] = new JsonArray(dislike),
                ["channelData"] = new JsonObject { ["clientActivityID"] = "c2" },
            };
            using var posted = await client.SendAsync(HttpMethod.Post, $"/conversations/{id}/activities", DirectLineApplication.Secret, click.ToJsonString());
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);

            var record = Assert.Single(_host.App.Store.Feedback, f => f.Conversation == AnalyticsKeys.Of("directline", id));
            Assert.False(record.Helpful);
            Assert.Equal("directline", record.Channel);
            Assert.Equal(AnalyticsKeys.Of("directline", userId), record.User);
            Assert.Equal(answer.GetProperty("replyToId").GetString(), record.ReplyId);
            Assert.Null(record.Reason);
        }
    }

    [Fact]
    public async Task WebChat_EscalationAndCommand_HaveNoFeedbackActions()
    {
        foreach (var text in new[] { "i want to end it all", "help" })
        {
            var replies = await ExpectRepliesAsync(TestActivities.Message(ServiceUrl, "webchat-" + text.Length, text));
            Assert.All(replies, a => Assert.False(a.TryGetProperty("entities", out _)));
        }
    }

    private static JsonObject SubmitAction(string conversationId, string reaction, string? feedback)
    {
        var invoke = TestActivities.Message(ServiceUrl, conversationId, string.Empty, "msteams", "invoke-" + conversationId);
        invoke["type"] = "invoke";
        invoke["name"] = "message/submitAction";
        invoke["replyToId"] = "reply-" + conversationId;
        invoke.Remove("text");
        var actionValue = new JsonObject { ["reaction"] = reaction };
        if (feedback is not null)
        {
            actionValue["feedback"] = feedback;
        }

        invoke["value"] = new JsonObject { ["actionName"] = "feedback", ["actionValue"] = actionValue };
        return invoke;
    }

    private async Task<List<JsonElement>> ExpectRepliesAsync(JsonObject activity)
    {
        activity["deliveryMode"] = "expectReplies";
        using var response = await TestActivities.PostAsync(_host.Http, activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. body.RootElement.GetProperty("activities").EnumerateArray().Select(a => a.Clone())];
    }

    /// <summary>
    /// One Kestrel host for the class (<c>/api/messages</c> without an app id accepts loopback only), with dense
    /// retrieval as shipped so that questions get answers (the vectors come from the repository's cache).
    /// </summary>
    public sealed class Host : IDisposable
    {
        public Host()
        {
            App = new StaffApp(new Dictionary<string, string?>
            {
                ["Staff:ApiKey"] = StaffApp.Key,
                ["DirectLine:Secret"] = DirectLineApplication.Secret,
                ["Knowledge:Dense"] = "true",
                ["Knowledge:EmbeddingCachePath"] = Path.Combine(RepoPaths.Root, "data", "cache"),
            }, kestrel: true);
            Http = App.StartKestrel();
        }

        public StaffApp App { get; }

        public HttpClient Http { get; }

        public void Dispose()
        {
            Http.Dispose();
            App.Dispose();
        }
    }
}
