using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PainBot.Web.Tests.BotFramework.Support;

namespace PainBot.Web.Tests.BotFramework;

/// <summary>Status codes of POST /api/messages for each activity type and for bad input.</summary>
[Collection(BotFrameworkTestGroup.Name)]
public sealed class MessagesProtocolTests(BotFrameworkFixture fixture)
{
    [Theory]
    [InlineData("typing")]
    [InlineData("endOfConversation")]
    [InlineData("event")]
    [InlineData("installationUpdate")]
    [InlineData("messageReaction")]
    [InlineData("somethingNew")]
    public async Task Activity_AcknowledgedType_200AndNothingSent(string type)
    {
        var serviceUrl = fixture.Connector.ServiceUrl;
        var conversation = "ack-" + type;
        var activity = TestActivities.Message(serviceUrl, conversation, "ignored");
        activity["type"] = type;
        activity["name"] = "some/event";
        activity["code"] = "userCancelled";

        using var response = await TestActivities.PostAsync(fixture.AuthenticatedClient, activity, fixture.Identity.Mint(serviceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
        Assert.Empty(await fixture.SentAsync(conversation));
    }

    [Fact]
    public async Task Invoke_Unhandled_501EmptyBody()
    {
        var serviceUrl = fixture.Connector.ServiceUrl;
        var activity = TestActivities.Message(serviceUrl, "invoke-unknown", string.Empty);
        activity["type"] = "invoke";
        activity["name"] = "composeExtension/query";

        using var response = await TestActivities.PostAsync(fixture.AuthenticatedClient, activity, fixture.Identity.Mint(serviceUrl));

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Invoke_HealthCheck_200WithSynchronousBody()
    {
        var serviceUrl = fixture.Connector.ServiceUrl;
        var activity = TestActivities.Message(serviceUrl, "invoke-health", string.Empty);
        activity["type"] = "invoke";
        activity["name"] = "healthCheck";

        using var response = await TestActivities.PostAsync(fixture.AuthenticatedClient, activity, fixture.Identity.Mint(serviceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("healthResults").GetProperty("success").GetBoolean());
        Assert.Empty(await fixture.SentAsync("invoke-health"));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2,3]")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("{\"text\":\"no type\"}")]
    [InlineData("{\"type\":\"  \"}")]
    public async Task Messages_NotAnActivity_400ProblemDetails(string body)
    {
        using var response = await TestActivities.PostRawAsync(fixture.AuthenticatedClient, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Messages_BodyOver256KB_413()
    {
        var activity = TestActivities.Message(fixture.Connector.ServiceUrl, "too-large", new string('a', 300 * 1024));

        using var response = await TestActivities.PostAsync(fixture.AuthenticatedClient, activity, "irrelevant");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Messages_ChunkedBodyOver256KB_413()
    {
        var activity = TestActivities.Message(fixture.Connector.ServiceUrl, "too-large-chunked", new string('a', 300 * 1024));
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages")
        {
            Content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(activity.ToJsonString()))),
        };
        request.Headers.TransferEncodingChunked = true;

        using var response = await fixture.AuthenticatedClient.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Messages_Get_405()
    {
        using var response = await fixture.AuthenticatedClient.GetAsync(new Uri("api/messages", UriKind.Relative));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Messages_BadRequestInOneConversation_OthersUnaffected()
    {
        var serviceUrl = fixture.Connector.ServiceUrl;
        var good = TestActivities.Message(serviceUrl, "isolated-good", "hello");
        good["deliveryMode"] = "expectReplies";

        var bad = TestActivities.PostRawAsync(fixture.AuthenticatedClient, "{\"type\":\"message\",\"conversation\":", fixture.Identity.Mint(serviceUrl));
        var ok = TestActivities.PostAsync(fixture.AuthenticatedClient, good, fixture.Identity.Mint(serviceUrl));
        using var badResponse = await bad;
        using var okResponse = await ok;

        Assert.Equal(HttpStatusCode.BadRequest, badResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, okResponse.StatusCode);
    }

    [Fact]
    public async Task Message_UnknownFieldsAndChannelData_Accepted()
    {
        var serviceUrl = fixture.Connector.ServiceUrl;
        var activity = TestActivities.Message(serviceUrl, "unknown-fields", "hello");
        activity["deliveryMode"] = "expectReplies";
        activity["brandNewField"] = new JsonObject { ["nested"] = new JsonArray(1, 2) };
        activity["channelData"] = new JsonObject { ["clientActivityID"] = "c1", ["webchat:sequence-id"] = 3 };

        using var response = await TestActivities.PostAsync(fixture.AuthenticatedClient, activity, fixture.Identity.Mint(serviceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
