namespace PainBot.Core.Safety;

/// <summary>Escalation levels, ordered so that a higher value outranks a lower one (safety-facts.md section 0.1).</summary>
public enum SafetyLevel
{
    /// <summary>Nothing to escalate: answer normally.</summary>
    None = 0,

    /// <summary>A medication, supplement or therapy interaction or caution: general caution plus "check with your pharmacist or prescriber".</summary>
    MedSafety = 1,

    /// <summary>Needs to be seen today (same-day care), with what would make it an emergency.</summary>
    Urgent = 2,

    /// <summary>Self-harm or suicidal thoughts: the crisis line first.</summary>
    Crisis = 3,

    /// <summary>Call the emergency number now.</summary>
    Emergency = 4,
}
