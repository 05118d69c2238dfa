namespace PainBot.Core.Conversation;

/// <summary>The last few hundred unanswered questions, in memory.</summary>
public sealed class InMemoryUnansweredQuestionLog(TimeProvider time) : IUnansweredQuestionLog
{
    private const int Capacity = 500;
    private readonly Queue<UnansweredQuestion> _items = new();
    private readonly Lock _gate = new();

    /// <inheritdoc/>
    public void Record(string redactedText, string channel, double confidence)
    {
        lock (_gate)
        {
            _items.Enqueue(new UnansweredQuestion(time.GetUtcNow(), redactedText, channel, confidence));
            while (_items.Count > Capacity)
            {
                _items.Dequeue();
            }
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<UnansweredQuestion> Recent(int max)
    {
        lock (_gate)
        {
            return [.. _items.Skip(Math.Max(0, _items.Count - max))];
        }
    }
}
