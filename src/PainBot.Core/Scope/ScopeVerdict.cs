namespace PainBot.Core.Scope;

/// <summary>Whether a message is something PainBot should answer (the contract's <c>scope</c> field).</summary>
public enum ScopeVerdict
{
    /// <summary>About pain care: answer from the knowledge.</summary>
    In,

    /// <summary>Not about pain care: decline politely and say what PainBot can help with.</summary>
    Out,

    /// <summary>Needs a clinician (personal doses, diagnosis, prescriptions, notes for work): redirect to the clinic.</summary>
    Clinician,

    /// <summary>Tries to change the assistant's instructions: refuse without echoing it.</summary>
    Injection,

    /// <summary>Asks about another identified person's health data or staff's personal details: a kind refusal; nothing is looked up.</summary>
    Privacy,
}
