using PainBot.Core.Safety.Rules;

namespace PainBot.Core.Safety;

/// <summary>One escalation rule loaded from <c>knowledge/safety/*.yaml</c>.</summary>
/// <param name="Id">Stable id, e.g. <c>emergency-chest-pain</c>; reported in <see cref="SafetyAssessment.RuleIds"/>.</param>
/// <param name="Level">Level the rule escalates to.</param>
/// <param name="Source">The safety-facts.md item and publisher the rule rests on.</param>
/// <param name="Response">Markdown reply with placeholders still in it.</param>
/// <param name="File">Rule file name, for error messages and review.</param>
/// <param name="Line">Line of the rule in its file.</param>
public sealed record SafetyRule(string Id, SafetyLevel Level, string Source, string Response, string File, int Line)
{
    /// <summary>Ways the rule fires; any one is enough.</summary>
    internal IReadOnlyList<RuleClause> Clauses { get; init; } = [];

    /// <summary>Terms that, present anywhere in the message and not negated, stop the rule.</summary>
    internal IReadOnlyList<int> Unless { get; init; } = [];

    /// <summary>Names of the condition; only used to recognise questions about its warning signs.</summary>
    internal IReadOnlyList<int> Topics { get; init; } = [];

    /// <summary>Never treated as an informational question (requests for lethal doses or methods, safety-facts 0.4 rule 5).</summary>
    public bool AlwaysAct { get; init; }

    /// <summary>Position in load order; ties between rules of one level keep file order.</summary>
    internal int Order { get; init; }
}
