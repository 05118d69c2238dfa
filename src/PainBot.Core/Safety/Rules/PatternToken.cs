namespace PainBot.Core.Safety.Rules;

/// <summary>One word of a compiled pattern.</summary>
internal readonly record struct PatternToken(PatternTokenKind Kind, string Text)
{
    public bool Matches(string word) => Kind switch
    {
        PatternTokenKind.Exact => string.Equals(word, Text, StringComparison.Ordinal),
        PatternTokenKind.Prefix => word.StartsWith(Text, StringComparison.Ordinal),
        _ => true,
    };
}
