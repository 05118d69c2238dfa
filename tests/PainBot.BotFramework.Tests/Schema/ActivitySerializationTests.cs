using System.Text.Json;
using System.Text.Json.Nodes;
using PainBot.BotFramework.Schema;

namespace PainBot.BotFramework.Tests.Schema;

public sealed class ActivitySerializationTests
{
    private const string TeamsMessage = """
        {"type":"message","id":"1700000000001","timestamp":"2025-01-01T10:00:00.123Z",
         "serviceUrl":"https://smba.trafficmanager.net/amer/","channelId":"msteams",
         "from":{"id":"29:1XJKJ","name":"Megan Bowen","aadObjectId":"7faf8ab2","futureField":1},
         "conversation":{"isGroup":true,"conversationType":"channel","tenantId":"72f988bf","id":"19:abc@thread.tacv2;messageid=1700000000000"},
         "recipient":{"id":"28:app","name":"QnABot"},
         "textFormat":"plain","text":"<at>QnABot</at> what is X?","locale":"en-US",
         "entities":[{"type":"mention","mentioned":{"id":"28:app","name":"QnABot"},"text":"<at>QnABot</at>"}],
         "channelData":{"tenant":{"id":"72f988bf"},"team":{"id":"19:t@thread.tacv2"}},
         "reactionsAdded":[{"type":"like"}],"importance":"high"}
        """;

    [Fact]
    public void RoundTrip_UnknownFields_Preserved()
    {
        var activity = JsonSerializer.Deserialize<Activity>(TeamsMessage, BotJson.Options)!;

        var written = JsonNode.Parse(JsonSerializer.Serialize(activity, BotJson.Options))!;

        Assert.Equal("like", (string?)written["reactionsAdded"]?[0]?["type"]);
        Assert.Equal("high", (string?)written["importance"]);
        Assert.Equal(1, (int?)written["from"]?["futureField"]);
        Assert.Equal("19:t@thread.tacv2", (string?)written["channelData"]?["team"]?["id"]);
        Assert.Equal("<at>QnABot</at>", (string?)written["entities"]?[0]?["text"]);
        Assert.Equal("2025-01-01T10:00:00.123Z", (string?)written["timestamp"]);
    }

    [Fact]
    public void Serialize_Nulls_LeftOut()
    {
        var json = JsonSerializer.Serialize(new Activity { Type = ActivityTypes.Typing }, BotJson.Options);

        Assert.Equal("""{"type":"typing"}""", json);
    }

    [Fact]
    public void Deserialize_OtherCasing_Accepted()
    {
        var activity = JsonSerializer.Deserialize<Activity>("""{"Type":"message","TEXT":"hi"}""", BotJson.Options)!;

        Assert.Equal("message", activity.Type);
        Assert.Equal("hi", activity.Text);
    }

    [Fact]
    public void Mention_TypeCaseInsensitive_Read()
    {
        var entity = JsonSerializer.Deserialize<Entity>("""{"type":"Mention","mentioned":{"id":"28:a","name":"Bot"},"text":"<at>Bot</at>"}""", BotJson.Options)!;

        Assert.Equal(new Mention("28:a", "Bot", "<at>Bot</at>"), Mention.From(entity));
    }
}
