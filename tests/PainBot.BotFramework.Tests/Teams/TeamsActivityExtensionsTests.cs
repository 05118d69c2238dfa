using System.Text.Json;
using PainBot.BotFramework.Schema;
using PainBot.BotFramework.Teams;

namespace PainBot.BotFramework.Tests.Teams;

public sealed class TeamsActivityExtensionsTests
{
    [Theory]
    [InlineData("<at>PainBot</at> what helps a flare-up?", "what helps a flare-up?")]
    [InlineData("what helps <AT>PainBot</AT> a flare-up?", "what helps  a flare-up?")]
    [InlineData("<at>PainBot</at>", "")]
    [InlineData("ask <at>Dr. Lee</at> or <at>PainBot</at> about sleep", "ask Dr. Lee or  about sleep")]
    [InlineData("no mention at all", "no mention at all")]
    public void TextWithoutRecipientMention_Cases(string text, string expected)
    {
        var activity = Message(text, Mention("28:bot", "PainBot", "<at>PainBot</at>"), Mention("29:lee", "Dr. Lee", "<at>Dr. Lee</at>"));

        Assert.Equal(expected, activity.TextWithoutRecipientMention());
    }

    [Fact]
    public void TextWithoutRecipientMention_MentionOfSomeoneElse_KeepsName()
    {
        var activity = Message("<at>PainBot</at> hi", Mention("29:other", "PainBot", "<at>PainBot</at>"));

        Assert.Equal("PainBot hi", activity.TextWithoutRecipientMention());
    }

    [Fact]
    public void TextWithoutRecipientMention_MentionWithoutText_UsesName()
    {
        var activity = Message("<at>PainBot</at> hi", Mention("28:bot", "PainBot", null));

        Assert.Equal("hi", activity.TextWithoutRecipientMention());
    }

    [Fact]
    public void TextWithoutRecipientMention_RegexCharactersInName_Literal()
    {
        var activity = Message("<at>Pain (Bot)+</at> hi", Mention("28:bot", "Pain (Bot)+", "<at>Pain (Bot)+</at>"));

        Assert.Equal("hi", activity.TextWithoutRecipientMention());
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData(false, "personal", true)]
    [InlineData(true, "groupChat", false)]
    [InlineData(true, "channel", false)]
    public void IsPersonalConversation_Cases(bool? isGroup, string? type, bool expected) =>
        Assert.Equal(expected, new Activity { Conversation = new ConversationAccount { Id = "c", IsGroup = isGroup, ConversationType = type } }.IsPersonalConversation());

    private static Activity Message(string text, params Entity[] entities) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        Recipient = new ChannelAccount { Id = "28:bot", Name = "PainBot" },
        Entities = entities,
    };

    private static Entity Mention(string id, string name, string? text)
    {
        var properties = new Dictionary<string, JsonElement>
        {
            ["mentioned"] = JsonSerializer.SerializeToElement(new { id, name }),
        };
        if (text is not null)
        {
            properties["text"] = JsonSerializer.SerializeToElement(text);
        }

        return new Entity { Type = "mention", Properties = properties };
    }
}
