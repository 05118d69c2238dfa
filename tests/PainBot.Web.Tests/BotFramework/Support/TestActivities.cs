using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace PainBot.Web.Tests.BotFramework.Support;

/// <summary>Activities as a channel sends them, built as raw JSON so the tests exercise the wire format.</summary>
public static class TestActivities
{
    public const string BotId = "28:" + TestIdentityProvider.AppId;

    public static JsonObject Message(string serviceUrl, string conversationId, string text, string channelId = "webchat", string id = "1700000000001") => new()
    {
        ["type"] = "message",
        ["id"] = id,
        ["timestamp"] = "2025-01-01T10:00:00.123Z",
        ["serviceUrl"] = serviceUrl,
        ["channelId"] = channelId,
        ["from"] = new JsonObject { ["id"] = "29:user-1", ["name"] = "Megan Bowen", ["aadObjectId"] = "7faf8ab2-0000" },
        ["conversation"] = new JsonObject { ["id"] = conversationId },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "PainBot" },
        ["text"] = text,
        ["locale"] = "en-US",
    };

    public static JsonObject TeamsChannelMessage(string serviceUrl, string conversationId, string text)
    {
        var activity = Message(serviceUrl, conversationId, text, "msteams");
        activity["conversation"] = new JsonObject { ["isGroup"] = true, ["conversationType"] = "channel", ["tenantId"] = "72f988bf-0000", ["id"] = conversationId };
        activity["entities"] = new JsonArray
        {
            new JsonObject { ["type"] = "mention", ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = "PainBot" }, ["text"] = "<at>PainBot</at>" },
            new JsonObject { ["type"] = "clientInfo", ["locale"] = "en-US", ["country"] = "US", ["platform"] = "Web" },
        };
        activity["channelData"] = new JsonObject
        {
            ["tenant"] = new JsonObject { ["id"] = "72f988bf-0000" },
            ["team"] = new JsonObject { ["id"] = "19:team@thread.tacv2" },
            ["channel"] = new JsonObject { ["id"] = "19:abc@thread.tacv2" },
        };
        return activity;
    }

    public static JsonObject ConversationUpdate(string serviceUrl, string conversationId, string channelId, params string[] memberIds)
    {
        var activity = Message(serviceUrl, conversationId, string.Empty, channelId, "update-1");
        activity["type"] = "conversationUpdate";
        activity.Remove("text");
        var members = new JsonArray();
        foreach (var id in memberIds)
        {
            members.Add(new JsonObject { ["id"] = id });
        }

        activity["membersAdded"] = members;
        return activity;
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, JsonNode activity, string? token = null) =>
        PostRawAsync(client, activity.ToJsonString(), token);

    public static async Task<HttpResponseMessage> PostRawAsync(HttpClient client, string body, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }
}
