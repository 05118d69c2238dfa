using PainBot.Core.Knowledge;

namespace PainBot.Core.Safety;

/// <summary>Recognises emergencies, crises, urgent red flags and medication-safety questions. Plain code over rules kept as data; never a language model.</summary>
public interface ISafetyTriage
{
    /// <summary>Assesses one message. Fast (well under a millisecond) and never throws for odd input.</summary>
    SafetyAssessment Assess(string text, Audience audience);
}
