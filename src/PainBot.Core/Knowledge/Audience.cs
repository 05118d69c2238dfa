namespace PainBot.Core.Knowledge;

/// <summary>Who a passage is written for, or who is asking.</summary>
public enum Audience
{
    /// <summary>Patients and the public (the default for anyone who has not said otherwise).</summary>
    Patient,

    /// <summary>Front-desk and clinical staff.</summary>
    Staff,

    /// <summary>Passages only: suitable for patients and staff alike.</summary>
    Both,
}
