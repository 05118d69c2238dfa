namespace PainBot.Core.Conversation;

/// <summary>A question the content did not cover (already redacted).</summary>
public sealed record UnansweredQuestion(DateTimeOffset At, string Text, string Channel, double Confidence);
