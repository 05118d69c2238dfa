using System.Collections.Frozen;

namespace PainBot.Core.Safety.Rules;

/// <summary>Language settings from <c>triage.yaml</c>: negation and informational-question cues.</summary>
/// <param name="NegationCues">Words that cancel a following sign ("no", "not", "without", "sin").</param>
/// <param name="NegationBreakers">Words that end a negation's reach ("but", "pero").</param>
/// <param name="NegationWindow">How many words after a cue a sign may start and still be negated.</param>
/// <param name="InformationalCues">Term indices of phrases that make a sentence a general question ("what are the signs of").</param>
/// <param name="ReportCues">Term indices of phrases that show a sentence reports something happening now ("right now").</param>
internal sealed record TriageSettings(
    FrozenSet<string> NegationCues,
    FrozenSet<string> NegationBreakers,
    int NegationWindow,
    IReadOnlyList<int> InformationalCues,
    IReadOnlyList<int> ReportCues);
