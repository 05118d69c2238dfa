using System.ComponentModel.DataAnnotations;

namespace PainBot.Core.Dialog;

/// <summary>How the dialog manager answers.</summary>
public sealed class DialogOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Dialog";

    /// <summary>Below this search confidence the assistant says the clinic's content does not cover the question.</summary>
    [Range(0.0, 1.0)]
    public double AnswerThreshold { get; set; } = 0.40;

    /// <summary>Longest answer for patients, in words (before citations).</summary>
    [Range(40, 400)]
    public int PatientAnswerWords { get; set; } = 150;

    /// <summary>Longest answer for staff, in words (before citations).</summary>
    [Range(40, 600)]
    public int StaffAnswerWords { get; set; } = 200;

    /// <summary>Longest message processed; the rest is ignored (and the person is told).</summary>
    [Range(100, 100_000)]
    public int MaxMessageCharacters { get; set; } = 4000;

    /// <summary>Minutes of silence after which a conversation's state is forgotten.</summary>
    [Range(1, 24 * 60)]
    public int ConversationExpiryMinutes { get; set; } = 60;
}
