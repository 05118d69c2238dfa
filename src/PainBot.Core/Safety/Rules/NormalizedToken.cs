namespace PainBot.Core.Safety.Rules;

/// <summary>One word of a normalised message.</summary>
/// <param name="Text">Lower-case, accent-free word.</param>
/// <param name="Sentence">Index of the sentence the word is in.</param>
/// <param name="Clause">Index of the comma-delimited clause the word is in; negation never reaches across clauses.</param>
internal readonly record struct NormalizedToken(string Text, int Sentence, int Clause);
