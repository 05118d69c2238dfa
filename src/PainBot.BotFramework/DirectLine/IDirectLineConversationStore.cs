using PainBot.BotFramework.Schema;

namespace PainBot.BotFramework.DirectLine;

/// <summary>
/// Each Direct Line conversation's activity stream. The default keeps it in memory on one instance; a shared
/// implementation (Redis streams, say) lets several instances serve the same conversations.
/// </summary>
public interface IDirectLineConversationStore
{
    /// <summary>Opens a conversation for a user.</summary>
    ValueTask<CreateConversationResult> CreateAsync(string conversationId, string userId, CancellationToken cancellationToken);

    /// <summary>True while the conversation is open (not unknown, not expired).</summary>
    ValueTask<bool> ExistsAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Appends an activity, giving it the next id (<c>{conversationId}|0000001</c>) and a UTC timestamp. Returns the
    /// stored activity, or null when the conversation is unknown.
    /// </summary>
    ValueTask<Activity?> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken);

    /// <summary>The activities after <paramref name="watermark"/> still kept, and the new watermark; null when the conversation is unknown.</summary>
    ValueTask<ActivitySet?> GetActivitiesAsync(string conversationId, long watermark, CancellationToken cancellationToken);

    /// <summary>Completes when the conversation has more than <paramref name="watermark"/> activities or is gone.</summary>
    Task WaitForActivitiesAsync(string conversationId, long watermark, CancellationToken cancellationToken);

    /// <summary>
    /// Drops the activities stored so far ("forget me"); the conversation stays open, its counter and so every
    /// watermark stay valid. Returns false when the conversation is unknown.
    /// </summary>
    ValueTask<bool> ForgetActivitiesAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Forgets conversations idle for longer than configured; returns how many.</summary>
    ValueTask<int> RemoveExpiredAsync(CancellationToken cancellationToken);
}
