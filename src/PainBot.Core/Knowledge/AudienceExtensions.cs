namespace PainBot.Core.Knowledge;

/// <summary>Parsing and matching of <see cref="Audience"/> values as they are written in files and requests.</summary>
public static class AudienceExtensions
{
    /// <summary>The lower-case word used in knowledge files and the JSON contracts.</summary>
    public static string ToWire(this Audience audience) => audience switch
    {
        Audience.Patient => "patient",
        Audience.Staff => "staff",
        _ => "both",
    };

    /// <summary>Parses "patient", "staff" or "both" (case-insensitive).</summary>
    public static bool TryParse(string? text, out Audience audience)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "PATIENT":
                audience = Audience.Patient;
                return true;
            case "STAFF":
                audience = Audience.Staff;
                return true;
            case "BOTH":
                audience = Audience.Both;
                return true;
            default:
                audience = Audience.Patient;
                return false;
        }
    }

    /// <summary>
    /// Whether a passage written for <paramref name="passage"/> may be shown to <paramref name="asker"/>.
    /// Staff see everything; patients see patient and shared passages only.
    /// </summary>
    public static bool IsVisibleTo(this Audience passage, Audience asker) =>
        asker == Audience.Staff || passage != Audience.Staff;
}
