namespace PainBot.Core.Dialog;

/// <summary>What a reply is, so channels can style it (escalations must look different).</summary>
public enum ReplyKind
{
    Answer,
    Escalation,
    NotCovered,
    Declined,
    Clarification,
    Command,
    Guide,
}
