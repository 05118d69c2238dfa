namespace PainBot.BotFramework.DirectLine;

/// <summary>Outcome of checking a presented secret or token.</summary>
public enum CredentialStatus
{
    /// <summary>A valid secret or unexpired token.</summary>
    Valid,

    /// <summary>Missing, malformed or wrongly signed (401).</summary>
    Invalid,

    /// <summary>A genuine token past its lifetime (403, which Web Chat reports as an expired token).</summary>
    Expired,
}
