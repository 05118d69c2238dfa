using PainBot.BotFramework.DirectLine;
using PainBot.Core.Conversation;
using PainBot.Core.Knowledge;

namespace PainBot.Web.State;

/// <summary>
/// The conversation store the dialog sees: forgetting a conversation ("forget me") also drops the Direct Line
/// activities stored for it so far (the person's words), wherever they are kept. The conversation stays open and
/// its watermarks valid, so the reply that follows is delivered as usual.
/// </summary>
public sealed class ForgettingConversationStore(IConversationStore inner, IDirectLineConversationStore activities) : IConversationStore
{
    /// <inheritdoc/>
    public ValueTask<ConversationState> GetOrCreateAsync(string conversationId, Audience audience, CancellationToken cancellationToken = default) =>
        inner.GetOrCreateAsync(conversationId, audience, cancellationToken);

    /// <inheritdoc/>
    public ValueTask SaveAsync(ConversationState state, CancellationToken cancellationToken = default) =>
        inner.SaveAsync(state, cancellationToken);

    /// <inheritdoc/>
    public async ValueTask<bool> DeleteAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var state = await inner.DeleteAsync(conversationId, cancellationToken).ConfigureAwait(false);
        var stream = await activities.ForgetActivitiesAsync(conversationId, cancellationToken).ConfigureAwait(false);
        return state || stream;
    }
}
