namespace PainBot.Core.Scope;

/// <summary>Decides whether a message is in PainBot's scope, needs a clinician, or is an injection attempt. Runs after safety triage.</summary>
public interface IScopeGuard
{
    /// <summary>Assesses one message from its wording alone. The dialog manager may still decline an "in" message the knowledge does not cover.</summary>
    ScopeAssessment Assess(string text);
}
