namespace PainBot.Core.Scope;

/// <summary>The loaded, validated scope rules, by category, in file order within each category.</summary>
/// <param name="Injection">Attempts to change the assistant's instructions or reach the clinic's systems.</param>
/// <param name="Privacy">Another identified person's health data, or staff's personal details.</param>
/// <param name="Clinician">Questions only a clinician can answer: personal doses, diagnosis, prescriptions, notes.</param>
/// <param name="Out">Off-topic domains; they fire only when <paramref name="CareVocabulary"/> does not.</param>
/// <param name="CareVocabulary">Pain and health-care words: a message that uses them is never declined as off-topic.</param>
public sealed record ScopeRules(
    IReadOnlyList<ScopeRule> Injection,
    IReadOnlyList<ScopeRule> Privacy,
    IReadOnlyList<ScopeRule> Clinician,
    IReadOnlyList<ScopeRule> Out,
    ScopeRule CareVocabulary);
