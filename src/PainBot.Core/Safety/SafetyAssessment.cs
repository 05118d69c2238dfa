namespace PainBot.Core.Safety;

/// <summary>What triage found in one message.</summary>
/// <param name="Level">The highest level that fired.</param>
/// <param name="RuleIds">Ids of every rule that fired, highest level first.</param>
/// <param name="Response">Markdown to show first (the rule's response text with numbers filled in); null for <see cref="SafetyLevel.None"/>.</param>
/// <param name="Informational">The person asked about warning signs in general rather than reporting them: answer the question and add the escalation line.</param>
public sealed record SafetyAssessment(SafetyLevel Level, IReadOnlyList<string> RuleIds, string? Response, bool Informational = false)
{
    /// <summary>Nothing fired.</summary>
    public static SafetyAssessment None { get; } = new(SafetyLevel.None, [], null);

    /// <summary>Emergency and crisis replies stop normal answering.</summary>
    public bool StopsAnswering => !Informational && Level >= SafetyLevel.Crisis;
}
