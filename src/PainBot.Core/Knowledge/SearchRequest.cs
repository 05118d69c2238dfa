namespace PainBot.Core.Knowledge;

/// <summary>A knowledge search.</summary>
/// <param name="Text">The question, as the user wrote it.</param>
/// <param name="Audience">Who is asking; staff also see staff-only passages.</param>
/// <param name="Top">How many hits to return at most.</param>
public sealed record SearchRequest(string Text, Audience Audience = Audience.Patient, int Top = 10)
{
    /// <summary>
    /// For a follow-up resolved against the last topic (<see cref="Text"/> is then the message followed by the
    /// topic's name): the topic's name. The search may then combine what it already knows of the message and of
    /// the topic instead of reading the joined text afresh.
    /// </summary>
    public string? Topic { get; init; }
}
