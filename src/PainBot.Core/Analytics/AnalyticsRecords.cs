namespace PainBot.Core.Analytics;

/// <summary>
/// One turn, as the analytics store keeps it: what happened, never what was said. <see cref="Conversation"/> and
/// <see cref="User"/> are pseudonymous keys (<see cref="AnalyticsKeys"/>), never the channel's ids.
/// </summary>
public sealed record TurnRecord(
    DateTimeOffset At,
    string Conversation,
    string User,
    string Channel,
    string Audience,
    IReadOnlyList<string> Topics,
    double Confidence,
    string SafetyLevel,
    string? SafetyLayer,
    string Scope,
    string Composer,
    string? Fallback,
    double LatencyMs,
    bool Unanswered);

/// <summary>A person's verdict on one answer; <see cref="Reason"/> is redacted before it gets here.</summary>
public sealed record FeedbackRecord(
    DateTimeOffset At,
    string Conversation,
    string User,
    string Channel,
    string? ReplyId,
    bool Helpful,
    string? Reason);

/// <summary>A question the content did not cover, redacted before it gets here.</summary>
public sealed record UnansweredRecord(DateTimeOffset At, string Conversation, string User, string Channel, string RedactedText, double Confidence);

/// <summary>One line of the content to-do list: a redacted question, how often it was asked, when last.</summary>
public sealed record UnansweredSummary(string Text, int Count, DateOnly Last);

/// <summary>Escalations of one day, by level (wire names: emergency, crisis, urgent, med_safety).</summary>
public sealed record DailyEscalations(DateOnly Day, IReadOnlyDictionary<string, long> Levels);

/// <summary>How many turns touched a topic.</summary>
public sealed record TopicCount(string Topic, long Turns);

/// <summary>
/// What the staff report shows for the last <see cref="Days"/> days (shared/CONTRACTS.md section 3, plus added
/// fields for the staff page).
/// </summary>
public sealed record AnalyticsReport(
    int Days,
    long Turns,
    IReadOnlyDictionary<string, long> Escalations,
    IReadOnlyList<UnansweredSummary> Unanswered,
    long Helpful,
    long NotHelpful,
    IReadOnlyList<TopicCount> TopTopics,
    IReadOnlyList<DailyEscalations> EscalationsPerDay,
    IReadOnlyList<string> NotHelpfulReasons);
