using System.Net;
using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PainBot.BotFramework.DirectLine;
using PainBot.BotFramework.Schema;
using PainBot.Web.Tests.DirectLine;

namespace PainBot.Web.Tests.State;

/// <summary>Two instances, one Redis: a conversation moves freely between them, as behind a load balancer.</summary>
public sealed class SharedStateAcrossHostsTests(TwoHosts hosts) : IClassFixture<TwoHosts>
{
    [SkippableFact]
    public async Task Polling_StartedOnOneHost_ContinuedOnTheOther_KeepsTheSubject()
    {
        var h = await hosts.StartAsync();
        var opened = await h.ClientOne.StartAsync((await h.ClientOne.GenerateTokenAsync()).Token!);
        var id = opened.ConversationId!;
        var asked = await h.ClientOne.PostAsync(id, opened.Token!, "does acupuncture help back pain?", "p1");

        // Host two sees what host one stored, reply included.
        var (seen, _) = await h.ClientTwo.GetActivitiesAsync(id, opened.Token!, null);
        Assert.Contains(seen.Activities, a => a.Id == asked && a.Text == "does acupuncture help back pain?");
        Assert.Contains(seen.Activities, a => a.ReplyToId == asked && a.Type == ActivityTypes.Message && a.From?.Role == "bot");

        // A token refreshed on one host works on the other; the follow-up on host two reads host one's state.
        using var refresh = await h.ClientOne.SendAsync(HttpMethod.Post, "/tokens/refresh", opened.Token);
        var token = (await DirectLineClient.ReadAsync<Conversation>(refresh))!.Token!;
        var followUp = await h.ClientTwo.PostAsync(id, token, "is it safe?", "p2");
        var (after, _) = await h.ClientOne.GetActivitiesAsync(id, token, seen.Watermark);
        Assert.Contains(after.Activities.Where(a => a.ReplyToId == followUp && a.Type == ActivityTypes.Message), a => Cites(a, "acupuncture"));

        // Control: the same words opening a conversation are not about acupuncture.
        var fresh = await h.ClientTwo.StartAsync(DirectLineApplication.Secret);
        var alone = await h.ClientTwo.PostAsync(fresh.ConversationId!, DirectLineApplication.Secret, "is it safe?", "c1");
        var (control, _) = await h.ClientTwo.GetActivitiesAsync(fresh.ConversationId!, DirectLineApplication.Secret, null);
        var controlReplies = control.Activities.Where(a => a.ReplyToId == alone && a.Type == ActivityTypes.Message).ToList();
        Assert.NotEmpty(controlReplies);
        Assert.DoesNotContain(controlReplies, a => Cites(a, "acupuncture"));
    }

    [SkippableFact]
    public async Task WebSocketOnOneHost_ReceivesTheReplyToAMessagePostedOnTheOther()
    {
        var h = await hosts.StartAsync();
        var opened = await h.ClientOne.StartAsync((await h.ClientOne.GenerateTokenAsync()).Token!);
        var id = opened.ConversationId!;

        // Reconnecting on host two gives a stream URL of host two.
        using var reconnect = await h.ClientTwo.SendAsync(HttpMethod.Get, $"/conversations/{id}?watermark=", opened.Token);
        Assert.Equal(HttpStatusCode.OK, reconnect.StatusCode);
        var streamUrl = (await DirectLineClient.ReadAsync<Conversation>(reconnect))!.StreamUrl!;
        Assert.StartsWith(h.ClientTwo.Http.BaseAddress!.ToString().Replace("http://", "ws://", StringComparison.Ordinal), streamUrl, StringComparison.Ordinal);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(streamUrl), timeout.Token);
        var posted = await h.ClientOne.PostAsync(id, opened.Token!, "does acupuncture help back pain?", "w1");

        var received = new List<Activity>();
        while (!received.Any(a => a.ReplyToId == posted && a.Type == ActivityTypes.Message))
        {
            var (set, closed) = await TwoHosts.ReceiveAsync(socket, timeout.Token);
            Assert.Null(closed);
            received.AddRange(set!.Activities);
        }

        Assert.Contains(received, a => a.Id == posted);
        Assert.Contains(received.Where(a => a.ReplyToId == posted && a.Type == ActivityTypes.Message), a => Cites(a, "acupuncture"));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
    }

    [SkippableFact]
    public async Task NewerWebSocketOnTheOtherHost_ClosesTheOlderOne()
    {
        var h = await hosts.StartAsync();
        var opened = await h.ClientOne.StartAsync((await h.ClientOne.GenerateTokenAsync()).Token!);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var older = new ClientWebSocket();
        await older.ConnectAsync(new Uri(opened.StreamUrl!), timeout.Token);
        var (greeting, _) = await TwoHosts.ReceiveAsync(older, timeout.Token);
        Assert.NotNull(greeting);

        using var reconnect = await h.ClientTwo.SendAsync(HttpMethod.Get, $"/conversations/{opened.ConversationId}?watermark={greeting!.Watermark}", opened.Token);
        using var newer = new ClientWebSocket();
        await newer.ConnectAsync(new Uri((await DirectLineClient.ReadAsync<Conversation>(reconnect))!.StreamUrl!), timeout.Token);

        string? closed = null;
        while (closed is null)
        {
            (_, closed) = await TwoHosts.ReceiveAsync(older, timeout.Token);
        }

        Assert.Equal("collision", closed);
        Assert.Equal(WebSocketState.Open, newer.State);
        await newer.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
    }

    [SkippableFact]
    public async Task HostGoesAway_TheOtherHasEveryAcknowledgedActivity_AndCarriesOn()
    {
        var h = await hosts.StartAsync();
        var (doomed, client) = h.StartHost();
        var opened = await client.StartAsync((await client.GenerateTokenAsync()).Token!);
        var id = opened.ConversationId!;
        var acknowledged = new List<string>();
        foreach (var text in new[] { "does acupuncture help back pain?", "is it safe?", "what is tai chi" })
        {
            acknowledged.Add(await client.PostAsync(id, opened.Token!, text, "k" + acknowledged.Count));
        }

        client.Http.Dispose();
        await doomed.DisposeAsync();

        var (all, _) = await h.ClientTwo.GetActivitiesAsync(id, opened.Token!, null);
        Assert.All(acknowledged, ack => Assert.Contains(all.Activities, a => a.Id == ack));
        Assert.All(acknowledged, ack => Assert.Contains(all.Activities, a => a.ReplyToId == ack && a.Type == ActivityTypes.Message));
        var next = await h.ClientTwo.PostAsync(id, opened.Token!, "tell me more", "k3");
        Assert.True(string.CompareOrdinal(next, acknowledged[^1]) > 0);
        var (later, _) = await h.ClientTwo.GetActivitiesAsync(id, opened.Token!, all.Watermark);
        Assert.Contains(later.Activities, a => a.ReplyToId == next && a.Type == ActivityTypes.Message);
    }

    [SkippableFact]
    public async Task ForgetMeOnTheOtherHost_DeletesTheStateAndTheStoredActivities()
    {
        var h = await hosts.StartAsync();
        var opened = await h.ClientOne.StartAsync((await h.ClientOne.GenerateTokenAsync()).Token!);
        var id = opened.ConversationId!;
        await h.ClientOne.PostAsync(id, opened.Token!, "does acupuncture help back pain?", "f1");
        Assert.Contains(await h.Redis.ScanAsync(), e => e.Key.EndsWith(":state:" + id, StringComparison.Ordinal));

        var forget = await h.ClientTwo.PostAsync(id, opened.Token!, "forget me", "f2");

        var (all, _) = await h.ClientOne.GetActivitiesAsync(id, opened.Token!, null);
        Assert.DoesNotContain(all.Activities, a => a.From?.Role == "user");
        Assert.Contains(all.Activities, a => a.ReplyToId == forget && a.Type == ActivityTypes.Message);
        Assert.True(long.Parse(all.Watermark!, System.Globalization.CultureInfo.InvariantCulture) >= 5);
        Assert.DoesNotContain(await h.Redis.ScanAsync(), e => e.Key.EndsWith(":state:" + id, StringComparison.Ordinal));

        // The conversation goes on from the same watermark, with nothing remembered.
        var again = await h.ClientOne.PostAsync(id, opened.Token!, "is it safe?", "f3");
        var (later, _) = await h.ClientTwo.GetActivitiesAsync(id, opened.Token!, all.Watermark);
        Assert.Equal(again, later.Activities[0].Id);
        var replies = later.Activities.Where(a => a.ReplyToId == again && a.Type == ActivityTypes.Message).ToList();
        Assert.NotEmpty(replies);
        Assert.DoesNotContain(replies, a => Cites(a, "acupuncture"));
    }

    [SkippableFact]
    public async Task AfterAConversationWithPersonalDetails_NothingInRedisIsInClear()
    {
        var h = await hosts.StartAsync();
        var opened = await h.ClientOne.StartAsync((await h.ClientOne.GenerateTokenAsync()).Token!);
        var id = opened.ConversationId!;
        string[] details = ["Margaret Okonkwo", "07700 900123", "margaret.okonkwo@example.com"];
        string[] messages =
        [
            "Hi, my name is Margaret Okonkwo",
            "my number is 07700 900123 and my email is margaret.okonkwo@example.com",
            "help me make a pain plan",
            "Margaret Okonkwo, reach me at margaret.okonkwo@example.com or 07700 900123",
            "does acupuncture help back pain?",
        ];
        for (var i = 0; i < messages.Length; i++)
        {
            await (i % 2 == 0 ? h.ClientOne : h.ClientTwo).PostAsync(id, opened.Token!, messages[i], "s" + i);
        }

        var everything = await h.Redis.ScanAsync();

        Assert.Contains(everything, e => e.Key.EndsWith(":state:" + id, StringComparison.Ordinal));
        Assert.Contains(everything, e => e.Key.Contains(id + "}:items", StringComparison.Ordinal));
        foreach (var detail in details.Concat(["Okonkwo", "900123"]))
        {
            Assert.DoesNotContain(everything, e => e.Key.Contains(detail, StringComparison.OrdinalIgnoreCase) || e.Value.Contains(detail, StringComparison.OrdinalIgnoreCase));
        }

        // And the hosts still read it back.
        var (all, _) = await h.ClientTwo.GetActivitiesAsync(id, opened.Token!, null);
        Assert.Contains(all.Activities, a => a.Text == messages[1]);
    }

    [SkippableFact]
    public async Task RedisReadinessCheck_IsRegisteredAndHealthy()
    {
        var h = await hosts.StartAsync();
        var health = h.One.Services.GetRequiredService<HealthCheckService>();

        var report = await health.CheckHealthAsync(c => c.Tags.Contains("ready"));

        Assert.Equal(HealthStatus.Healthy, report.Entries["redis"].Status);
        Assert.IsType<PainBot.Web.State.RedisDirectLineConversationStore>(h.One.Services.GetRequiredService<IDirectLineConversationStore>());
    }

    /// <summary>Whether a reply cites a passage whose id or topic names <paramref name="subject"/>.</summary>
    private static bool Cites(Activity reply, string subject) =>
        reply.ChannelData is { } data
        && data.TryGetProperty("painbot", out var painbot)
        && painbot.TryGetProperty("citations", out var citations)
        && citations.EnumerateArray().Any(c =>
            c.GetProperty("id").GetString()!.Contains(subject, StringComparison.Ordinal)
            || c.GetProperty("topic").GetString()!.Contains(subject, StringComparison.Ordinal));
}
