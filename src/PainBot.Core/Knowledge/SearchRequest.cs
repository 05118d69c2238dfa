namespace PainBot.Core.Knowledge;

/// <summary>A knowledge search.</summary>
/// <param name="Text">The question, as the user wrote it.</param>
/// <param name="Audience">Who is asking; staff also see staff-only passages.</param>
/// <param name="Top">How many hits to return at most.</param>
public sealed record SearchRequest(string Text, Audience Audience = Audience.Patient, int Top = 10);
