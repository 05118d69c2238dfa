using PainBot.Core.Knowledge;

namespace PainBot.Core.Conversation;

/// <summary>
/// Per-conversation state. In memory by default; a shared store (Redis) lets several instances serve one
/// conversation, so every operation is asynchronous.
/// </summary>
public interface IConversationStore
{
    /// <summary>The conversation's state, or a fresh one.</summary>
    ValueTask<ConversationState> GetOrCreateAsync(string conversationId, Audience audience, CancellationToken cancellationToken = default);

    /// <summary>Stores the state after a turn.</summary>
    ValueTask SaveAsync(ConversationState state, CancellationToken cancellationToken = default);

    /// <summary>Forgets everything held about the conversation. Returns whether anything was held.</summary>
    ValueTask<bool> DeleteAsync(string conversationId, CancellationToken cancellationToken = default);
}
