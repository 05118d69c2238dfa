using PainBot.Core.Knowledge;

namespace PainBot.Core.Dialog;

/// <summary>One message from a person, as any channel adapter hands it over.</summary>
/// <param name="ConversationId">Stable id of the conversation on its channel.</param>
/// <param name="UserId">The channel's id for the person (never shown or logged).</param>
/// <param name="Text">What they typed.</param>
/// <param name="Channel">cli, webchat, msteams, directline, …</param>
/// <param name="Audience">Patient unless the caller knows it is staff (the Teams channel, or an explicit setting).</param>
/// <param name="Locale">The channel's locale, when known.</param>
public sealed record UserTurn(
    string ConversationId,
    string UserId,
    string Text,
    string Channel = "cli",
    Audience Audience = Audience.Patient,
    string Locale = "en-US");
