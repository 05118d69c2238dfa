namespace PainBot.Core.Scope;

/// <summary>
/// Plain-code scope guard over rules kept as data (<c>knowledge/scope/scope-rules.yaml</c>).
/// Precedence: injection (in the text, then in what it says once decoded: base64, hex, URL-encoding, rot13), then
/// privacy (another person's data), then clinician, then off-topic (only without care vocabulary), else in scope.
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
            ?? Hidden(text)
            ?? FirstMatch(_rules.Privacy, normalized, words)
            ?? FirstMatch(_rules.Clinician, normalized, words)
            ?? (_rules.CareVocabulary.Matches(normalized, words) ? null : FirstMatch(_rules.Out, normalized, words))
            ?? ScopeAssessment.In;
    }

    // Instructions hidden in base64, hex, URL-encoding or rot13 are screened by the same injection rules.
    private ScopeAssessment? Hidden(string text)
    {
        foreach (var (encoding, decoded) in EncodedText.Decodings(text))
        {
            var normalized = ScopeText.Normalize(decoded);
            if (normalized.Length > 0 && FirstMatch(_rules.Injection, normalized, ScopeText.Words(normalized)) is { } found)
            {
                return found with { RuleId = $"{found.RuleId}:{encoding}" };
            }
        }

        return null;
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
