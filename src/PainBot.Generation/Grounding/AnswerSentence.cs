namespace PainBot.Generation.Grounding;

/// <summary>One sentence or bullet of a generated answer: its text without citation markers and the numbers it cites.</summary>
public sealed record AnswerSentence(string Text, IReadOnlyList<int> Citations, bool Bullet);
