using PainBot.BotFramework.Schema;

namespace PainBot.BotFramework.Tests.Schema;

public sealed class ActivityReplyTests
{
    [Fact]
    public void CreateReply_addresses_the_reply_back_along_the_incoming_activity()
    {
        var incoming = new Activity
        {
            Type = ActivityTypes.Message,
            Id = "in-1",
            ChannelId = "msteams",
            ServiceUrl = "https://smba.example/emea/",
            Conversation = new ConversationAccount { Id = "19:abc@thread.tacv2" },
            From = new ChannelAccount { Id = "user-1" },
            Recipient = new ChannelAccount { Id = "bot-1" },
            Locale = "en-GB",
            Text = "hello",
        };

        var reply = incoming.CreateReply(ActivityTypes.Typing);

        Assert.Equal(ActivityTypes.Typing, reply.Type);
        Assert.Equal("msteams", reply.ChannelId);
        Assert.Equal("https://smba.example/emea/", reply.ServiceUrl);
        Assert.Same(incoming.Conversation, reply.Conversation);
        Assert.Equal("bot-1", reply.From?.Id);
        Assert.Equal("user-1", reply.Recipient?.Id);
        Assert.Equal("in-1", reply.ReplyToId);
        Assert.Null(reply.Id);
        Assert.Null(reply.Text);
        Assert.Null(reply.Locale);
    }
}
