namespace PainBot.Core.Safety;

/// <summary>
/// The learned layer of safety triage: a classifier trained on the reviewed example bank
/// (<c>knowledge/safety/examples/</c>) that reads a message by its wording and meaning, and the person's
/// previous message with it. <see cref="SafetyTriage"/> lets it raise a message above what the rules found,
/// never lower it.
/// </summary>
public interface ISafetyScreen
{
    /// <summary>The highest level the screen sees in the message; never throws for odd input.</summary>
    /// <param name="text">The cleaned message.</param>
    /// <param name="messageVector">The message's sentence vector, when the turn computed it.</param>
    /// <param name="previousVector">The same person's previous message's vector, when there was one.</param>
    ScreenVerdict Assess(string text, float[]? messageVector, float[]? previousVector);
}

/// <summary>What the learned screen saw.</summary>
/// <param name="Level">The level, or <see cref="SafetyLevel.None"/>.</param>
/// <param name="Probability">The classifier's probability of that level.</param>
/// <param name="Sure">At or above the level's "sure" threshold (the reply is the escalation); otherwise only
/// "possible" (the reply leads with a direct check-in, then answers).</param>
/// <param name="CheckIn">For a possible verdict: the check-in line to lead with.</param>
public sealed record ScreenVerdict(SafetyLevel Level, double Probability, bool Sure, string? CheckIn = null)
{
    /// <summary>Nothing seen.</summary>
    public static ScreenVerdict None { get; } = new(SafetyLevel.None, 0, false);
}
