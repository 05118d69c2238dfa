namespace PainBot.Core.Safety;

/// <summary>The names of the levels as rule files, the JSON contracts and channel data write them.</summary>
public static class SafetyLevelNames
{
    /// <summary>none, med_safety, urgent, crisis or emergency.</summary>
    public static string ToWire(this SafetyLevel level) => level switch
    {
        SafetyLevel.Emergency => "emergency",
        SafetyLevel.Crisis => "crisis",
        SafetyLevel.Urgent => "urgent",
        SafetyLevel.MedSafety => "med_safety",
        _ => "none",
    };

    /// <summary>Parses a level name; "none" and unknown names give false.</summary>
    public static bool TryParse(string? text, out SafetyLevel level)
    {
        level = text switch
        {
            "emergency" => SafetyLevel.Emergency,
            "crisis" => SafetyLevel.Crisis,
            "urgent" => SafetyLevel.Urgent,
            "med_safety" => SafetyLevel.MedSafety,
            _ => SafetyLevel.None,
        };
        return level != SafetyLevel.None;
    }
}
