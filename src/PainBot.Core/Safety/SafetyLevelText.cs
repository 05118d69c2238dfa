namespace PainBot.Core.Safety;

/// <summary>Texts shared by every rule of one level (<c>responses.yaml</c>).</summary>
/// <param name="Informational">Escalation line added to a general answer about warning signs.</param>
/// <param name="Staff">Extra in-clinic actions for staff users (safety-facts 0.4 rule 8); may be empty.</param>
/// <param name="FollowUp">Closing line, e.g. the offer to return to the question once safe; may be empty.</param>
public sealed record SafetyLevelText(string Informational, string Staff, string FollowUp);
