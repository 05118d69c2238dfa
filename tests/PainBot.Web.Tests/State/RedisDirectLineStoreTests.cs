using PainBot.BotFramework.DirectLine;

namespace PainBot.Web.Tests.State;

/// <summary>The contract on Redis: each <see cref="Store"/> is another instance (its own connection) on one server.</summary>
public sealed class RedisDirectLineStoreTests : DirectLineStoreContract, IAsyncLifetime
{
    private RedisTestState? _redis;

    protected override IDirectLineConversationStore Store()
    {
        _redis ??= new RedisTestState();
        return _redis.DirectLineStore(Options, Time);
    }

    [SkippableFact]
    public async Task StoredActivities_AreEncrypted()
    {
        var store = Store();
        await store.CreateAsync("c1", "u1", default);
        await store.AppendAsync("c1", Message("my phone is 555-0142"), default);

        var everything = await _redis!.ScanAsync();

        Assert.NotEmpty(everything);
        Assert.DoesNotContain(everything, e => e.Value.Contains("555-0142", StringComparison.Ordinal) || e.Value.Contains("Visitor", StringComparison.Ordinal));
        Assert.Equal("my phone is 555-0142", Assert.Single((await Store().GetActivitiesAsync("c1", 0, default))!.Activities).Text);
    }

    [SkippableFact]
    public async Task AnotherSecret_CannotReadTheActivities()
    {
        var store = Store();
        await store.CreateAsync("c1", "u1", default);
        await store.AppendAsync("c1", Message("private"), default);

        var other = _redis!.DirectLineStore(new DirectLineOptions { Secret = new string('x', 40) }, Time);
        var seen = (await other.GetActivitiesAsync("c1", 0, default))!;

        Assert.Empty(seen.Activities);
        Assert.Equal("1", seen.Watermark);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
