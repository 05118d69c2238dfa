namespace PainBot.Core.Safety.Rules;

/// <summary>A pattern found in a message: words [Start, End).</summary>
internal readonly record struct TermHit(int Term, int Start, int End, int Sentence, bool Negated);
