using PainBot.Core.Knowledge;

namespace PainBot.Core.Conversation;

/// <summary>Per-conversation state. In memory by default; a shared store lets several instances serve one conversation.</summary>
public interface IConversationStore
{
    /// <summary>The conversation's state, or a fresh one.</summary>
    ConversationState GetOrCreate(string conversationId, Audience audience);

    /// <summary>Stores the state after a turn.</summary>
    void Save(ConversationState state);

    /// <summary>Forgets everything held about the conversation. Returns whether anything was held.</summary>
    bool Delete(string conversationId);
}
