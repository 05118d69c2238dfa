namespace PainBot.Knowledge.Loading;

/// <summary>When any of <paramref name="When"/> appears in a question, the words of <paramref name="Expand"/> are searched too.</summary>
public sealed record SynonymRule(IReadOnlyList<string> When, IReadOnlyList<string> Expand);
