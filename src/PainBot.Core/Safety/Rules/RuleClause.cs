namespace PainBot.Core.Safety.Rules;

/// <summary>One way a rule can fire: every group must have a (non-negated) match, all within the window.</summary>
/// <param name="Groups">Each group is a list of alternative terms (indices into <see cref="SafetyRuleSet.Terms"/>).</param>
internal sealed record RuleClause(IReadOnlyList<IReadOnlyList<int>> Groups, MatchWindow Window);
