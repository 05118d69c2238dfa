using System.ComponentModel.DataAnnotations;

namespace PainBot.Core.Safety;

/// <summary>
/// Numbers the escalation texts fill in through placeholders. The defaults are the US numbers from
/// safety-facts.md section 0.2; other regions are documented in <c>knowledge/safety/README.md</c>
/// (for example UK: <c>EmergencyNumber</c> "999", <c>CrisisLine</c> "Samaritans 116 123 (free, 24/7)").
/// Verify them for every deployment.
/// </summary>
public sealed class SafetyOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Safety";

    /// <summary>Region the numbers below are for (documentation and logging only), e.g. "US", "UK", "EU".</summary>
    [Required, StringLength(40, MinimumLength = 2)]
    public string Region { get; set; } = "US";

    /// <summary>Emergency services number; fills <c>{{emergency.number}}</c>.</summary>
    [Required, StringLength(60, MinimumLength = 2)]
    public string EmergencyNumber { get; set; } = "911";

    /// <summary>Suicide and crisis line; fills <c>{{crisis.line}}</c>.</summary>
    [Required, StringLength(200, MinimumLength = 2)]
    public string CrisisLine { get; set; } = "988 (call or text, US Suicide & Crisis Lifeline)";

    /// <summary>Text or chat alternatives to the crisis line; fills <c>{{crisis.text}}</c>.</summary>
    [Required, StringLength(200, MinimumLength = 2)]
    public string CrisisText { get; set; } = "text 988 or chat at 988lifeline.org (Spanish: press 2); in the UK and Ireland, Samaritans on 116 123";

    /// <summary>Poison information line; fills <c>{{poison.help}}</c>.</summary>
    [Required, StringLength(120, MinimumLength = 2)]
    public string PoisonHelp { get; set; } = "Poison Help 1-800-222-1222";

    /// <summary>Same-day non-emergency advice line where one exists (UK: "NHS 111"); fills <c>{{urgent.line}}</c>.</summary>
    [Required, StringLength(120, MinimumLength = 2)]
    public string UrgentCareLine { get; set; } = "urgent care";

    /// <summary>The placeholder values, keyed by placeholder name (without braces).</summary>
    public IReadOnlyDictionary<string, string> Placeholders() => new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["emergency.number"] = EmergencyNumber,
        ["crisis.line"] = CrisisLine,
        ["crisis.text"] = CrisisText,
        ["poison.help"] = PoisonHelp,
        ["urgent.line"] = UrgentCareLine,
    };
}
