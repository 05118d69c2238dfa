using System.Net;
using System.Text.Json;
using PainBot.BotFramework.Schema;
using PainBot.Web.Tests.BotFramework.Support;
using PainBot.Web.Tests.DirectLine;

namespace PainBot.Web.Tests.Hosting;

/// <summary>Direct Line (Web Chat) and /api/messages go through one turn handler: the same messages get the same replies.</summary>
public sealed class OneChatPathTests
{
    // A conversation with a follow-up, an escalation, the crisis reply's own suggestion and an empty message.
    private static readonly string[] Conversation =
    [
        "does acupuncture help back pain?",
        "is it safe?",
        "i want to end it all",
        "I'm safe now, let's continue",
        " ",
        "what is tai chi",
    ];

    [Fact]
    public async Task SameMessages_SameReplies_ThroughDirectLineAndApiMessages()
    {
        using var app = new BotApp(new Dictionary<string, string?> { ["DirectLine:Secret"] = DirectLineApplication.Secret });
        using var http = app.Start();

        var viaMessages = new List<string>();
        foreach (var text in Conversation)
        {
            var activity = TestActivities.Message("http://127.0.0.1:9/", "one-path-messages", text);
            activity["deliveryMode"] = "expectReplies";
            using var response = await TestActivities.PostAsync(http, activity);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            viaMessages.Add(Messages(body.RootElement.GetProperty("activities").EnumerateArray().Select(a => (a.GetProperty("type").GetString(), a.TryGetProperty("text", out var t) ? t.GetString() : null))));
        }

        var client = new DirectLineClient(http);
        var conversation = await client.StartAsync(DirectLineApplication.Secret);
        var (opened, _) = await client.GetActivitiesAsync(conversation.ConversationId!, DirectLineApplication.Secret, null);
        var watermark = opened.Watermark;
        var viaDirectLine = new List<string>();
        for (var i = 0; i < Conversation.Length; i++)
        {
            await client.PostAsync(conversation.ConversationId!, DirectLineApplication.Secret, Conversation[i], "c" + i);
            var (set, _) = await client.GetActivitiesAsync(conversation.ConversationId!, DirectLineApplication.Secret, watermark);
            watermark = set.Watermark;
            viaDirectLine.Add(Messages(set.Activities.Where(a => a.From?.Role == "bot").Select(a => (a.Type, a.Text))));
        }

        Assert.Equal(viaMessages, viaDirectLine);
        Assert.Contains("988", viaMessages[2], StringComparison.Ordinal);
        Assert.Contains("glad you're safe", viaMessages[3], StringComparison.Ordinal);
        Assert.Contains("PainBot", viaMessages[4], StringComparison.Ordinal); // an empty message gets the welcome on both paths
    }

    private static string Messages(IEnumerable<(string? Type, string? Text)> activities) =>
        string.Join("\n---\n", activities.Where(a => a.Type == ActivityTypes.Message).Select(a => a.Text));
}
