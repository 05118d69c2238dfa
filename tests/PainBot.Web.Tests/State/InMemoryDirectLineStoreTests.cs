using PainBot.BotFramework.DirectLine;

namespace PainBot.Web.Tests.State;

/// <summary>The contract on the default store: one process, so every "instance" is the same store.</summary>
public sealed class InMemoryDirectLineStoreTests : DirectLineStoreContract
{
    private readonly InMemoryDirectLineConversationStore _store;

    public InMemoryDirectLineStoreTests() => _store = new(WrappedOptions, Time);

    protected override IDirectLineConversationStore Store() => _store;
}
