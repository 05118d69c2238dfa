namespace PainBot.Core.Knowledge;

/// <summary>A knowledge search.</summary>
/// <param name="Text">The question, as the user wrote it.</param>
/// <param name="Audience">Who is asking; staff also see staff-only passages.</param>
/// <param name="Top">How many hits to return at most.</param>
public sealed record SearchRequest(string Text, Audience Audience = Audience.Patient, int Top = 10)
{
    /// <summary>
    /// The sentence vector of the person's message when the turn already computed it (the search then does not
    /// embed <see cref="Text"/> again). For a follow-up, this is the vector of the message alone.
    /// </summary>
    public float[]? Vector { get; init; }

    /// <summary>
    /// For a follow-up resolved against the last topic: the topic's name. <see cref="Text"/> then holds the
    /// message and the name (for the word search), and the search combines <see cref="Vector"/> with the name's
    /// vector by meaning.
    /// </summary>
    public string? Topic { get; init; }
}
