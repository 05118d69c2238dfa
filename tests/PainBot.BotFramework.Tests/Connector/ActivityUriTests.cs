using PainBot.BotFramework.Connector;

namespace PainBot.BotFramework.Tests.Connector;

public sealed class ActivityUriTests
{
    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/", "19:abc@thread.tacv2;messageid=1700000000000", "1700000000001",
        "https://smba.trafficmanager.net/amer/v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D1700000000000/activities/1700000000001")]
    [InlineData("https://smba.trafficmanager.net/amer", "a:1xyz", null, "https://smba.trafficmanager.net/amer/v3/conversations/a%3A1xyz/activities")]
    [InlineData("http://localhost:5000/v3/directline/", "conv 1/2", "x|0001", "http://localhost:5000/v3/directline/v3/conversations/conv%201%2F2/activities/x%7C0001")]
    public void ActivityUri_EscapesIds(string serviceUrl, string conversationId, string? replyToId, string expected) =>
        Assert.Equal(expected, BotConnectorClient.ActivityUri(serviceUrl, conversationId, replyToId).AbsoluteUri);
}
