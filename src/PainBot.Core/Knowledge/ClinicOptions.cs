using System.ComponentModel.DataAnnotations;

namespace PainBot.Core.Knowledge;

/// <summary>
/// Facts about the clinic that content may mention. Never invented: the defaults are neutral words,
/// and passages refer to them through placeholders such as <c>{{clinic.phone}}</c>.
/// </summary>
public sealed class ClinicOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Clinic";

    /// <summary>The clinic's name as patients know it.</summary>
    [Required, StringLength(120, MinimumLength = 1)]
    public string Name { get; set; } = "the clinic";

    /// <summary>The front desk's phone number.</summary>
    [Required, StringLength(60, MinimumLength = 1)]
    public string Phone { get; set; } = "the clinic's main phone number";

    /// <summary>Street address.</summary>
    [Required, StringLength(200, MinimumLength = 1)]
    public string Address { get; set; } = "the address on the clinic's website";

    /// <summary>Opening hours in words.</summary>
    [Required, StringLength(200, MinimumLength = 1)]
    public string Hours { get; set; } = "the clinic's posted opening hours";

    /// <summary>The clinic's website.</summary>
    [Required, StringLength(200, MinimumLength = 1)]
    public string Website { get; set; } = "the clinic's website";

    /// <summary>Therapies this clinic offers; empty when not configured (content then says to ask the front desk).</summary>
    public IList<string> OfferedTherapies { get; } = [];

    /// <summary>Insurance plans this clinic accepts; empty when not configured.</summary>
    public IList<string> AcceptedInsurance { get; } = [];

    /// <summary>The placeholder values, keyed by placeholder name (without braces).</summary>
    public IReadOnlyDictionary<string, string> Placeholders() => new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["clinic.name"] = Name,
        ["clinic.phone"] = Phone,
        ["clinic.address"] = Address,
        ["clinic.hours"] = Hours,
        ["clinic.website"] = Website,
        ["clinic.therapies"] = OfferedTherapies.Count > 0 ? string.Join(", ", OfferedTherapies) : "the therapies listed by the front desk",
        ["clinic.insurance"] = AcceptedInsurance.Count > 0 ? string.Join(", ", AcceptedInsurance) : "the plans the front desk can confirm",
    };
}
