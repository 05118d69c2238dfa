using Microsoft.Extensions.Options;
using PainBot.BotFramework.DirectLine;
using PainBot.BotFramework.Schema;
using PainBot.Web.Tests.DirectLine;

namespace PainBot.Web.Tests.State;

/// <summary>
/// What every <see cref="IDirectLineConversationStore"/> must do, run against the in-memory store and against Redis.
/// <see cref="Store"/> may be called more than once: for Redis each call is another instance on the same server.
/// </summary>
public abstract class DirectLineStoreContract
{
    protected DirectLineOptions Options { get; } = new() { Secret = DirectLineApplication.Secret, MaxActivitiesPerConversation = 10, MaxConversations = 3, ConversationIdleMinutes = 60 };

    protected ManualTimeProvider Time { get; } = new();

    /// <summary>A store (another instance of the shared store, where there is one).</summary>
    protected abstract IDirectLineConversationStore Store();

    [SkippableFact]
    public async Task Append_NumbersActivitiesInOrder_AndTheCountIsTheWatermark()
    {
        var store = Store();
        Assert.Equal(CreateConversationResult.Created, await store.CreateAsync("c1", "u1", default));
        Assert.Equal(CreateConversationResult.AlreadyExists, await Store().CreateAsync("c1", "u1", default));

        var first = await store.AppendAsync("c1", Message("one"), default);
        var second = await Store().AppendAsync("c1", Message("two"), default);

        Assert.Equal("c1|0000001", first!.Id);
        Assert.Equal("c1|0000002", second!.Id);
        Assert.Equal<DateTime?>(Time.GetUtcNow().UtcDateTime, first.Timestamp);
        var all = (await Store().GetActivitiesAsync("c1", 0, default))!;
        Assert.Equal(["one", "two"], all.Activities.Select(a => a.Text));
        Assert.Equal(["c1|0000001", "c1|0000002"], all.Activities.Select(a => a.Id));
        Assert.Equal("2", all.Watermark);
        var later = (await store.GetActivitiesAsync("c1", 1, default))!;
        Assert.Equal("two", Assert.Single(later.Activities).Text);
        Assert.Empty((await store.GetActivitiesAsync("c1", 2, default))!.Activities);
    }

    [SkippableFact]
    public async Task Append_ReturnsACopy_TheCallerCannotChangeWhatWasStored()
    {
        var store = Store();
        await store.CreateAsync("c1", "u1", default);
        var stored = await store.AppendAsync("c1", Message("original"), default);
        stored!.Text = "changed";

        Assert.Equal("original", Assert.Single((await store.GetActivitiesAsync("c1", 0, default))!.Activities).Text);
    }

    [SkippableFact]
    public async Task UnknownConversation_IsNullEverywhere()
    {
        var store = Store();
        Assert.False(await store.ExistsAsync("nope", default));
        Assert.Null(await store.AppendAsync("nope", Message("x"), default));
        Assert.Null(await store.GetActivitiesAsync("nope", 0, default));
        Assert.False(await store.ForgetActivitiesAsync("nope", default));
    }

    [SkippableFact]
    public async Task OldActivitiesAreDropped_WatermarksStayValid()
    {
        var store = Store();
        await store.CreateAsync("c1", "u1", default);
        for (var i = 1; i <= 15; i++)
        {
            await store.AppendAsync("c1", Message("m" + i), default);
        }

        var all = (await Store().GetActivitiesAsync("c1", 0, default))!;
        Assert.Equal(Enumerable.Range(6, 10).Select(i => "m" + i), all.Activities.Select(a => a.Text));
        Assert.Equal("c1|0000006", all.Activities[0].Id);
        Assert.Equal("15", all.Watermark);
        var after12 = (await store.GetActivitiesAsync("c1", 12, default))!;
        Assert.Equal(["c1|0000013", "c1|0000014", "c1|0000015"], after12.Activities.Select(a => a.Id));
    }

    [SkippableFact]
    public async Task IdleConversations_Expire_AndFreeTheirPlace()
    {
        var store = Store();
        Assert.Equal(CreateConversationResult.Created, await store.CreateAsync("a", "u", default));
        Assert.Equal(CreateConversationResult.Created, await store.CreateAsync("b", "u", default));
        Time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(CreateConversationResult.Created, await Store().CreateAsync("c", "u", default));
        await store.AppendAsync("a", Message("keeps a alive"), default);
        Assert.Equal(CreateConversationResult.Full, await Store().CreateAsync("d", "u", default));

        Time.Advance(TimeSpan.FromMinutes(31));

        // b is idle for 61 minutes, a and c for 31 and less.
        Assert.False(await store.ExistsAsync("b", default));
        Assert.Null(await store.GetActivitiesAsync("b", 0, default));
        Assert.True(await store.ExistsAsync("a", default));
        Assert.Equal(CreateConversationResult.Created, await Store().CreateAsync("d", "u", default));
        Time.Advance(TimeSpan.FromMinutes(61));
        Assert.True(await store.RemoveExpiredAsync(default) >= 2);
        Assert.False(await store.ExistsAsync("a", default));
    }

    [SkippableFact]
    public async Task Wait_CompletesWhenAnotherInstanceAppends()
    {
        var reader = Store();
        var writer = Store();
        await writer.CreateAsync("c1", "u1", default);
        await writer.AppendAsync("c1", Message("before"), default);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        // Already past the watermark: returns at once.
        await reader.WaitForActivitiesAsync("c1", 0, timeout.Token);
        var waiting = reader.WaitForActivitiesAsync("c1", 1, timeout.Token);
        await Task.Delay(100, timeout.Token);
        Assert.False(waiting.IsCompleted);

        await writer.AppendAsync("c1", Message("after"), default);

        await waiting;
        Assert.False(timeout.IsCancellationRequested);
        Assert.Equal("after", Assert.Single((await reader.GetActivitiesAsync("c1", 1, default))!.Activities).Text);
    }

    [SkippableFact]
    public async Task ForgetActivities_DropsWhatWasStored_KeepsTheCounter()
    {
        var store = Store();
        await store.CreateAsync("c1", "u1", default);
        await store.AppendAsync("c1", Message("my name is Ann"), default);
        await store.AppendAsync("c1", Message("forget me"), default);

        Assert.True(await Store().ForgetActivitiesAsync("c1", default));
        var reply = await store.AppendAsync("c1", Message("done"), default);

        Assert.Equal("c1|0000003", reply!.Id);
        var all = (await store.GetActivitiesAsync("c1", 0, default))!;
        Assert.Equal("done", Assert.Single(all.Activities).Text);
        Assert.Equal("3", all.Watermark);
        Assert.Empty((await store.GetActivitiesAsync("c1", 3, default))!.Activities);
    }

    [SkippableFact]
    public async Task ConcurrentAppendsFromTwoInstances_EachGetsItsOwnNumber_NoneLost()
    {
        var one = Store();
        var two = Store();
        await one.CreateAsync("c1", "u1", default);

        var appended = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () => (await (i % 2 == 0 ? one : two).AppendAsync("c1", Message("m" + i), default))!)));

        Assert.Equal(Enumerable.Range(1, 8).Select(i => $"c1|{i:D7}"), appended.Select(a => a.Id).Order(StringComparer.Ordinal));
        var all = (await one.GetActivitiesAsync("c1", 0, default))!;
        Assert.Equal(appended.OrderBy(a => a.Id, StringComparer.Ordinal).Select(a => a.Text), all.Activities.Select(a => a.Text));
        Assert.Equal("8", all.Watermark);
    }

    protected static Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text, From = new ChannelAccount { Id = "u1", Name = "Visitor" } };

    protected IOptions<DirectLineOptions> WrappedOptions => Microsoft.Extensions.Options.Options.Create(Options);
}
