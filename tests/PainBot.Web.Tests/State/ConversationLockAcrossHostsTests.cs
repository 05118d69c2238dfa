using Microsoft.Extensions.DependencyInjection;
using PainBot.Core.Conversation;
using PainBot.Core.Dialog;
using PainBot.Core.Knowledge;

namespace PainBot.Web.Tests.State;

/// <summary>
/// Two instances on one Redis handling turns of the same conversation at the same moment: the conversation lock in
/// Redis serialises them, so every turn is counted (without it the last state saved wins).
/// </summary>
public sealed class ConversationLockAcrossHostsTests(TwoHosts hosts) : IClassFixture<TwoHosts>
{
    [SkippableFact]
    public async Task ConcurrentTurns_OnTwoHosts_SameConversation_AreAllCounted()
    {
        var h = await hosts.StartAsync();
        var dialogs = new[] { h.One.Services.GetRequiredService<DialogManager>(), h.Two.Services.GetRequiredService<DialogManager>() };
        const int TurnsPerHost = 3;
        var conversations = Enumerable.Range(0, 4).Select(i => "lock-test-" + i + "-" + Guid.NewGuid().ToString("N")).ToList();

        await Task.WhenAll(conversations.SelectMany(id => dialogs.SelectMany(dialog => Enumerable.Range(0, TurnsPerHost).Select(i =>
            Task.Run(() => dialog.HandleAsync(new UserTurn(id, "visitor-" + id, i % 2 == 0 ? "does acupuncture help back pain?" : "is it safe?", "directline", Audience.Patient, "en-US")))))));

        var store = h.One.Services.GetRequiredService<IConversationStore>();
        foreach (var id in conversations)
        {
            var state = await store.GetOrCreateAsync(id, Audience.Patient);
            Assert.Equal(dialogs.Length * TurnsPerHost, state.Turns);
        }
    }
}
