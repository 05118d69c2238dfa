namespace PainBot.Core.Safety;

/// <summary>What triage found in one message.</summary>
/// <param name="Level">The highest level that fired.</param>
/// <param name="RuleIds">Ids of every rule that fired, highest level first.</param>
/// <param name="Response">Markdown to show first (the rule's response text with numbers filled in); null for <see cref="SafetyLevel.None"/>.</param>
/// <param name="Informational">The person asked about warning signs in general rather than reporting them: answer the question and add the escalation line.</param>
/// <param name="Uncertain">The learned screen found the level possible but not sure: <paramref name="Response"/> is a direct, kind check-in that leads the normal answer.</param>
public sealed record SafetyAssessment(SafetyLevel Level, IReadOnlyList<string> RuleIds, string? Response, bool Informational = false, bool Uncertain = false)
{
    /// <summary>Nothing fired.</summary>
    public static SafetyAssessment None { get; } = new(SafetyLevel.None, [], null);

    /// <summary>
    /// The one definition of which assessments stop normal answering: a reported emergency, crisis or urgent
    /// red flag is answered with its action alone. A medication-safety caution leads the normal answer, and a
    /// question about warning signs in general is answered with the escalation line added, and a level the
    /// learned screen finds only possible leads the answer with a check-in.
    /// </summary>
    public bool StopsAnswering => !Informational && !Uncertain && Level >= SafetyLevel.Urgent;

    /// <summary>
    /// Which layer decided the level (the first rule id is the deciding one): <c>rules</c> (phrase and concept
    /// rules), <c>crisis_screen</c>, <c>learned_screen</c>, or null when nothing fired.
    /// </summary>
    public string? Layer => Level == SafetyLevel.None || RuleIds.Count == 0
        ? null
        : RuleIds[0] switch
        {
            SafetyTriage.CrisisScreenId => "crisis_screen",
            var id when id.StartsWith("screen:", StringComparison.Ordinal) => "learned_screen",
            _ => "rules",
        };
}
