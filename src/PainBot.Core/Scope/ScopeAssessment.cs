namespace PainBot.Core.Scope;

/// <summary>The scope guard's verdict and the id of the rule behind it (null for <see cref="ScopeVerdict.In"/> by default).</summary>
public sealed record ScopeAssessment(ScopeVerdict Verdict, string? RuleId)
{
    /// <summary>In scope, nothing fired.</summary>
    public static ScopeAssessment In { get; } = new(ScopeVerdict.In, null);
}
