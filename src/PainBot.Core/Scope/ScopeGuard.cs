namespace PainBot.Core.Scope;

/// <summary>
/// Plain-code scope guard over rules kept as data (<c>knowledge/scope/scope-rules.yaml</c>).
/// Precedence: injection, then clinician, then off-topic (only without care vocabulary), else in scope.
/// </summary>
public sealed class ScopeGuard : IScopeGuard
{
    private readonly ScopeRules _rules;

    public ScopeGuard(ScopeRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules;
    }

    /// <inheritdoc/>
    public ScopeAssessment Assess(string text)
    {
        var normalized = ScopeText.Normalize(text);
        if (normalized.Length == 0)
        {
            return ScopeAssessment.In;
        }

        var words = ScopeText.Words(normalized);
        return FirstMatch(_rules.Injection, normalized, words)
            ?? FirstMatch(_rules.Clinician, normalized, words)
            ?? (_rules.CareVocabulary.Matches(normalized, words) ? null : FirstMatch(_rules.Out, normalized, words))
            ?? ScopeAssessment.In;
    }

    private static ScopeAssessment? FirstMatch(IReadOnlyList<ScopeRule> rules, string normalized, string[] words)
    {
        foreach (var rule in rules)
        {
            if (rule.Matches(normalized, words))
            {
                return new ScopeAssessment(rule.Verdict, rule.Id);
            }
        }

        return null;
    }
}
