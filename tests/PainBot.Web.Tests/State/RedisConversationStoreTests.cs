using Microsoft.Extensions.Options;
using PainBot.BotFramework.DirectLine;
using PainBot.Core.Conversation;
using PainBot.Core.Dialog;
using PainBot.Core.Knowledge;
using PainBot.Core.Safety;
using PainBot.Web.State;
using PainBot.Web.Tests.DirectLine;

namespace PainBot.Web.Tests.State;

public sealed class RedisConversationStoreTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new();
    private RedisTestState? _redis;

    [SkippableFact]
    public async Task State_RoundTripsEveryProperty_ThroughAnotherInstance()
    {
        var state = new ConversationState("c1", Audience.Staff)
        {
            Turns = 7,
            DisclaimerShown = true,
            LastTopic = "physical-acupuncture",
            LastPassageIds = ["acupuncture-evidence", "acupuncture-safety"],
            Guide = new GuideState("pain-plan") { Step = 2 },
            LastMessageVector = [0.25f, -1.5f, 3f],
            HighestEscalation = SafetyLevel.Urgent,
        };
        state.EarlierTopics.AddRange(["movement-tai-chi", "mind-sleep"]);
        state.ShownPassageIds.UnionWith(["acupuncture-evidence", "tai-chi-overview"]);
        state.Guide.Answers["goal"] = "walk the dog";

        await Store().SaveAsync(state);
        var read = await Store().GetOrCreateAsync("c1", Audience.Patient);

        // Every public property of the state, compared as JSON: a property added to the state but not stored fails here.
        Assert.Equal(Snapshot(state), Snapshot(read));
        Assert.Equal("walk the dog", read.Guide!.Answers["goal"]);
        Assert.Equal(typeof(ConversationState).GetProperties().Length, typeof(StoredConversation).GetProperties().Length);
    }

    [SkippableFact]
    public async Task UnknownOrExpired_GivesAFreshState_DeleteForgets()
    {
        var store = Store();
        var fresh = await store.GetOrCreateAsync("c1", Audience.Patient);
        Assert.Equal(0, fresh.Turns);

        fresh.Turns = 3;
        await store.SaveAsync(fresh);
        Assert.Equal(3, (await Store().GetOrCreateAsync("c1", Audience.Patient)).Turns);

        Assert.True(await Store().DeleteAsync("c1"));
        Assert.False(await store.DeleteAsync("c1"));
        Assert.Equal(0, (await store.GetOrCreateAsync("c1", Audience.Patient)).Turns);

        await store.SaveAsync(fresh);
        _time.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(0, (await store.GetOrCreateAsync("c1", Audience.Patient)).Turns);
    }

    [SkippableFact]
    public async Task GuideAnswers_AreNotStoredInClear()
    {
        var state = new ConversationState("c1", Audience.Patient) { Guide = new GuideState("pain-plan") };
        state.Guide.Answers["goal"] = "call Priya Raman on 555-0199";
        await Store().SaveAsync(state);

        var everything = await _redis!.ScanAsync();

        Assert.Single(everything);
        Assert.DoesNotContain("Priya", everything[0].Value, StringComparison.Ordinal);
        Assert.DoesNotContain("pain-plan", everything[0].Value, StringComparison.Ordinal);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    private RedisConversationStore Store()
    {
        _redis ??= new RedisTestState();
        var protector = new StateProtector(Options.Create(new DirectLineOptions { Secret = DirectLineApplication.Secret }));
        return new RedisConversationStore(_redis.Connection(), protector, Options.Create(new DialogOptions()), _time);
    }

    private static string Snapshot(ConversationState state) =>
        System.Text.Json.JsonSerializer.Serialize(typeof(ConversationState).GetProperties().ToDictionary(p => p.Name, p => p.GetValue(state)));
}
