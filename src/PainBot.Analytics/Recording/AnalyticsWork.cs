using PainBot.Core.Analytics;

namespace PainBot.Analytics.Recording;

/// <summary>One write waiting in <see cref="AnalyticsRecorder"/>: exactly one of the fields is set.</summary>
internal sealed record AnalyticsWork(TurnRecord? Turn = null, UnansweredRecord? Unanswered = null, FeedbackRecord? Feedback = null, (string Conversation, string User)? Forget = null);
