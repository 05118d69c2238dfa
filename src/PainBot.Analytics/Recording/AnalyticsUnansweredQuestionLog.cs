using PainBot.Core.Analytics;
using PainBot.Core.Conversation;
using PainBot.Core.Dialog;

namespace PainBot.Analytics.Recording;

/// <summary>
/// The unanswered-question log of a host with analytics: each question goes to the store through the queue (under
/// the person's pseudonymous keys) and stays in the in-memory list of recent ones.
/// </summary>
public sealed class AnalyticsUnansweredQuestionLog(AnalyticsRecorder queue, TimeProvider time) : IUnansweredQuestionLog
{
    private readonly InMemoryUnansweredQuestionLog _recent = new(time);

    /// <inheritdoc/>
    public void Record(string redactedText, string channel, double confidence)
    {
        _recent.Record(redactedText, channel, confidence);
        if (channel != DialogManager.WarmUpChannel)
        {
            queue.TryEnqueue(new UnansweredRecord(time.GetUtcNow(), string.Empty, string.Empty, channel, redactedText, confidence));
        }
    }

    /// <inheritdoc/>
    public void Record(string redactedText, UserTurn turn, double confidence)
    {
        ArgumentNullException.ThrowIfNull(turn);
        _recent.Record(redactedText, turn.Channel, confidence);
        if (turn.Channel != DialogManager.WarmUpChannel)
        {
            var at = time.GetUtcNow();
            queue.TryEnqueue(new UnansweredRecord(at, AnalyticsKeys.Of(turn.Channel, turn.ConversationId), AnalyticsKeys.Of(turn.Channel, turn.UserId), turn.Channel, redactedText, confidence));
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<UnansweredQuestion> Recent(int max) => _recent.Recent(max);
}
