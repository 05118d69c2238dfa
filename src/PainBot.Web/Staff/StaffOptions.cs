using System.ComponentModel.DataAnnotations;

namespace PainBot.Web.Staff;

/// <summary>The staff report at <c>/staff</c> (shared/CONTRACTS.md sections 3 and 4).</summary>
public sealed class StaffOptions : IValidatableObject
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Staff";

    /// <summary>The shortest key accepted: a short key could be guessed through the sign-in form.</summary>
    public const int MinimumKeyLength = 16;

    /// <summary>
    /// The key of the staff report: sent as the <c>X-Staff-Key</c> header to <c>/staff/report.json</c>, or typed
    /// into the sign-in form of <c>/staff</c>. Empty (the default) turns <c>/staff</c> off (404).
    /// </summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>How long a staff sign-in lasts without use.</summary>
    [Range(5, 7 * 24 * 60, ErrorMessage = "Staff:SessionMinutes must be between 5 and 10080.")]
    public int SessionMinutes { get; set; } = 480;

    /// <summary>Wrong keys one client address may try per <see cref="SignInWindowMinutes"/> before it is refused.</summary>
    [Range(1, 1000, ErrorMessage = "Staff:MaxFailedSignIns must be between 1 and 1000.")]
    public int MaxFailedSignIns { get; set; } = 5;

    /// <summary>The window over which failed sign-ins are counted.</summary>
    [Range(1, 24 * 60, ErrorMessage = "Staff:SignInWindowMinutes must be between 1 and 1440.")]
    public int SignInWindowMinutes { get; set; } = 15;

    /// <summary>True when a key is set and <c>/staff</c> is served.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(ApiKey);

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled && ApiKey.Trim().Length < MinimumKeyLength)
        {
            yield return new ValidationResult(
                $"Staff:ApiKey must be at least {MinimumKeyLength} characters (or empty to turn /staff off).",
                [nameof(ApiKey)]);
        }
    }
}
