using PainBot.Core.Knowledge;

namespace PainBot.Core.Safety;

/// <summary>Recognises emergencies, crises, urgent red flags and medication-safety questions. Plain code over rules kept as data; never a language model.</summary>
public interface ISafetyTriage
{
    /// <summary>
    /// Assesses one message and never throws for odd input. The rules take well under a millisecond; a crisis
    /// screen, when configured, embeds the message's sentences (a millisecond or two each).
    /// </summary>
    SafetyAssessment Assess(string text, Audience audience);
}
