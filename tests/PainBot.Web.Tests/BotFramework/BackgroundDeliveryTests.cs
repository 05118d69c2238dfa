using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PainBot.Core.Composition;
using PainBot.Web.Tests.BotFramework.Support;

namespace PainBot.Web.Tests.BotFramework;

/// <summary>
/// Normal delivery is acknowledged before the turn runs and the replies go to the connector afterwards, from a
/// bounded queue; expectReplies stays inline. A composer that holds until released stands in for a slow model.
/// </summary>
public sealed class BackgroundDeliveryTests : IAsyncLifetime
{
    private const string Question = "Does acupuncture help back pain?";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    private readonly BlockingModelComposer _composer = new();
    private RecordingConnector _connector = null!;

    public async Task InitializeAsync() => _connector = await RecordingConnector.StartAsync();

    public async Task DisposeAsync()
    {
        _composer.Release();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task Message_NormalDelivery_AcknowledgedBeforeTurnFinishes()
    {
        await using var app = App();
        using var client = app.Start();
        _composer.Hold();

        using var response = await TestActivities.PostAsync(client, TestActivities.Message(_connector.ServiceUrl, "bg-ack", Question)).WaitAsync(Patience);

        // The 200 came back while the composer still holds the turn.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
        await _composer.FirstEntered.Task.WaitAsync(Patience);
        var during = _connector.For("bg-ack");
        var typing = Assert.Single(during);
        Assert.Equal("typing", (string?)JsonNode.Parse(typing.Body)!["type"]);

        _composer.Release();
        await app.TurnsFinishedAsync();

        var sent = _connector.For("bg-ack");
        var reply = JsonNode.Parse(sent[^1].Body)!;
        Assert.Equal("message", (string?)reply["type"]);
        Assert.Equal("answer", (string?)reply["channelData"]?["painbot"]?["kind"]);
        Assert.Equal("/v3/conversations/bg-ack/activities/1700000000001", sent[^1].RawTarget);
    }

    [Fact]
    public async Task Message_QueueFull_503WithRetryAfter()
    {
        await using var app = App(new Dictionary<string, string?> { ["BotFramework:QueueWorkers"] = "1", ["BotFramework:QueueCapacity"] = "1" });
        using var client = app.Start();
        _composer.Hold();

        // The only worker holds the first turn; the second waits in the queue; the third finds it full.
        using var first = await TestActivities.PostAsync(client, TestActivities.Message(_connector.ServiceUrl, "bg-full-1", Question));
        await _composer.FirstEntered.Task.WaitAsync(Patience);
        using var second = await TestActivities.PostAsync(client, TestActivities.Message(_connector.ServiceUrl, "bg-full-2", Question));
        using var third = await TestActivities.PostAsync(client, TestActivities.Message(_connector.ServiceUrl, "bg-full-3", Question));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, third.StatusCode);
        Assert.True(third.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds");
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);

        _composer.Release();
        await app.TurnsFinishedAsync();
        Assert.Contains(_connector.For("bg-full-1"), r => (string?)JsonNode.Parse(r.Body)!["type"] == "message");
        Assert.Contains(_connector.For("bg-full-2"), r => (string?)JsonNode.Parse(r.Body)!["type"] == "message");
        Assert.Empty(_connector.For("bg-full-3"));
    }

    [Fact]
    public async Task Message_ExpectReplies_StaysInline()
    {
        await using var app = App();
        using var client = app.Start();
        _composer.Hold();
        var activity = TestActivities.Message(_connector.ServiceUrl, "bg-expect", Question);
        activity["deliveryMode"] = "expectReplies";

        // Inline: the response waits for the composer.
        var pending = TestActivities.PostAsync(client, activity);
        await _composer.FirstEntered.Task.WaitAsync(Patience);
        Assert.False(pending.IsCompleted);
        _composer.Release();
        using var response = await pending.WaitAsync(Patience);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var activities = body.RootElement.GetProperty("activities").EnumerateArray().ToList();
        Assert.Equal("typing", activities[0].GetProperty("type").GetString());
        Assert.Contains(activities, a => a.GetProperty("type").GetString() == "message");
        Assert.Empty(_connector.For("bg-expect"));
    }

    [Fact]
    public async Task Shutdown_QueuedTurn_DrainedBeforeStop()
    {
        var app = App();
        using var client = app.Start();
        _composer.Hold();
        using var response = await TestActivities.PostAsync(client, TestActivities.Message(_connector.ServiceUrl, "bg-drain", Question));
        await _composer.FirstEntered.Task.WaitAsync(Patience);

        var stopping = app.DisposeAsync().AsTask();
        _composer.Release();
        await stopping.WaitAsync(Patience);

        Assert.Contains(_connector.For("bg-drain"), r => (string?)JsonNode.Parse(r.Body)!["type"] == "message");
    }

    private BotApp App(Dictionary<string, string?>? settings = null)
    {
        // Every question with a hit reaches the composer, whatever the BM25-only confidence.
        settings ??= [];
        settings["Dialog:AnswerThreshold"] = "0";
        return new(settings, services =>
        {
            services.RemoveAll<IAnswerComposer>();
            services.AddSingleton<IAnswerComposer>(_composer);
        });
    }
}
