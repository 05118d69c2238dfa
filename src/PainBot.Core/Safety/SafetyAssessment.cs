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

    /// <summary>
    /// The one definition of which assessments stop normal answering: a reported emergency, crisis or urgent
    /// red flag is answered with its action alone. A medication-safety caution leads the normal answer, and a
    /// question about warning signs in general is answered with the escalation line added.
    /// </summary>
    public bool StopsAnswering => !Informational && Level >= SafetyLevel.Urgent;
}
