using PainBot.Core.Knowledge;

namespace PainBot.Core.Safety;

/// <summary>Recognises emergencies, crises, urgent red flags and medication-safety questions. Plain code over rules kept as data; never a language model.</summary>
public interface ISafetyTriage
{
    /// <summary>
    /// Assesses one message and never throws for odd input. The rules take well under a millisecond; a crisis
    /// screen, when configured, embeds the message's sentences (a millisecond or two each).
    /// </summary>
    /// <param name="text">The cleaned message.</param>
    /// <param name="audience">Who is writing.</param>
    /// <param name="messageVector">The message's sentence vector when the turn computed it (the screen then does not embed it again).</param>
    SafetyAssessment Assess(string text, Audience audience, float[]? messageVector = null);

    /// <summary>Assesses one message with the vector of the same person's previous message (a crisis can unfold over two).</summary>
    SafetyAssessment Assess(string text, Audience audience, float[]? messageVector, float[]? previousVector) =>
        Assess(text, audience, messageVector);
}
