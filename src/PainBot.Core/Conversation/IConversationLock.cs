namespace PainBot.Core.Conversation;

/// <summary>
/// Serialises the turns of one conversation across instances sharing conversation state (within one process the
/// dialog manager's own gates already do). Best effort: an implementation that cannot get the lock within its bound
/// lets the turn go on rather than fail it.
/// </summary>
public interface IConversationLock
{
    /// <summary>Waits for the conversation's lock; disposing the result releases it.</summary>
    ValueTask<IAsyncDisposable> AcquireAsync(string conversationId, CancellationToken cancellationToken);
}
