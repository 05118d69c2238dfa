using PainBot.Core.Knowledge;
using PainBot.Core.Safety;

namespace PainBot.Core.Conversation;

/// <summary>
/// What the assistant remembers about one conversation. Holds passage ids and topics, never the person's words,
/// except the answers a guided dialog collects (kept only while the dialog runs, and cleared by "forget me").
/// </summary>
public sealed class ConversationState
{
    public ConversationState(string id, Audience audience)
    {
        Id = id;
        Audience = audience;
    }

    public string Id { get; }

    public Audience Audience { get; set; }

    public int Turns { get; set; }

    public bool DisclaimerShown { get; set; }

    /// <summary>Topic of the last answer, for follow-ups such as "is it safe?".</summary>
    public string? LastTopic { get; set; }

    /// <summary>The subjects talked about before <see cref="LastTopic"/>, most recent first (a few), for "going back to that".</summary>
    public List<string> EarlierTopics { get; } = [];

    /// <summary>Passages found for the last question, best first, for "tell me more".</summary>
    public IReadOnlyList<string> LastPassageIds { get; set; } = [];

    /// <summary>Passages already shown in this conversation.</summary>
    public HashSet<string> ShownPassageIds { get; } = new(StringComparer.Ordinal);

    /// <summary>The guided dialog in progress, if any.</summary>
    public GuideState? Guide { get; set; }

    /// <summary>
    /// The sentence vector of the person's last message (numbers, not words), so the safety screen can read a
    /// crisis that unfolds over two messages.
    /// </summary>
    public float[]? LastMessageVector { get; set; }

    /// <summary>The highest escalation level reached so far.</summary>
    public SafetyLevel HighestEscalation { get; set; }

    public DateTimeOffset LastSeen { get; set; }
}
