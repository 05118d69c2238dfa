using PainBot.Core.Safety.Rules;

namespace PainBot.Core.Safety;

/// <summary>The validated, compiled contents of <c>knowledge/safety/</c>. Immutable and safe to share.</summary>
public sealed class SafetyRuleSet
{
    internal SafetyRuleSet(
        IReadOnlyList<SafetyRule> rules,
        IReadOnlyList<PatternTerm> terms,
        IReadOnlyDictionary<SafetyLevel, SafetyLevelText> levelTexts,
        TriageSettings settings)
    {
        Rules = rules;
        Terms = terms;
        LevelTexts = levelTexts;
        Settings = settings;
    }

    /// <summary>All rules, in file order.</summary>
    public IReadOnlyList<SafetyRule> Rules { get; }

    /// <summary>Shared texts per level.</summary>
    public IReadOnlyDictionary<SafetyLevel, SafetyLevelText> LevelTexts { get; }

    /// <summary>Every distinct pattern, interned so that a phrase used by several rules is matched once.</summary>
    internal IReadOnlyList<PatternTerm> Terms { get; }

    internal TriageSettings Settings { get; }
}
