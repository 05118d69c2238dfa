namespace PainBot.Core.Dialog;

/// <summary>Things people can ask of the assistant itself, in plain words.</summary>
public enum Command
{
    None,
    Help,
    StartOver,
    Handoff,
    ForgetMe,
    Feedback,
    Leave,
    StartPainPlan,
    StartProviderQuestions,

    /// <summary>After a crisis reply: the person says they are safe and wants to go on.</summary>
    SafeNow,
}
