using System.Text.RegularExpressions;

namespace PainBot.Core.Scope;

/// <summary>One compiled rule from <c>scope-rules.yaml</c>: its phrases (matched by word look-up) and its patterns (folded into one regular expression), over <see cref="ScopeText"/>-normalised text.</summary>
public sealed class ScopeRule
{
    private readonly PhraseMatcher _phrases;
    private readonly Regex? _patterns;

    internal ScopeRule(string id, ScopeVerdict verdict, string? description, PhraseMatcher phrases, Regex? patterns)
    {
        Id = id;
        Verdict = verdict;
        Description = description;
        _phrases = phrases;
        _patterns = patterns;
    }

    /// <summary>Stable id reported in <see cref="ScopeAssessment.RuleId"/> and analytics.</summary>
    public string Id { get; }

    /// <summary>The verdict the rule gives when it fires (<see cref="ScopeVerdict.In"/> for the care vocabulary).</summary>
    public ScopeVerdict Verdict { get; }

    /// <summary>What the rule is for, in the staff's words.</summary>
    public string? Description { get; }

    /// <summary>Whether the rule fires on text already normalised by <see cref="ScopeText.Normalize"/>.</summary>
    public bool Matches(string normalizedText) => Matches(normalizedText, ScopeText.Words(normalizedText));

    internal bool Matches(string normalizedText, string[] words)
    {
        if (_phrases.Matches(words))
        {
            return true;
        }

        try
        {
            return _patterns?.IsMatch(normalizedText) == true;
        }
        catch (RegexMatchTimeoutException)
        {
            // Treated as no match: a message must never break the turn.
            return false;
        }
    }
}
