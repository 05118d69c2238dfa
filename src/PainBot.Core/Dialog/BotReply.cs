using PainBot.Core.Safety;

namespace PainBot.Core.Dialog;

/// <summary>One message back to the person, channel-neutral Markdown.</summary>
public sealed record BotReply(
    string Markdown,
    ReplyKind Kind,
    IReadOnlyList<Citation> Citations,
    IReadOnlyList<string> Suggestions,
    SafetyLevel Level = SafetyLevel.None);
