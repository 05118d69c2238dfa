using System.ComponentModel.DataAnnotations;
using PainBot.BotFramework.Authentication;
using PainBot.Core.Knowledge;

namespace PainBot.Web.BotFramework;

/// <summary>
/// Settings of the Bot Framework endpoint <c>POST /api/messages</c> (Azure Bot Service, Teams, Emulator).
/// Without <see cref="MicrosoftAppId"/> the endpoint accepts unauthenticated requests from loopback only.
/// </summary>
public sealed class BotFrameworkOptions : IValidatableObject
{
    public const string SectionName = "BotFramework";

    /// <summary>The bot's Microsoft App ID (Azure Bot resource). Empty disables authentication: local traffic only.</summary>
    public string? MicrosoftAppId { get; set; }

    /// <summary>The client secret of the app registration; required with an app id. Keep it out of files (use a secret store or environment variable).</summary>
    public string? MicrosoftAppPassword { get; set; }

    /// <summary>The tenant of a single-tenant bot; empty for multi-tenant (botframework.com).</summary>
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>OpenID metadata of the Bot Connector's signing keys.</summary>
    [Required, Url]
    public string OpenIdMetadataUrl { get; set; } = AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl;

    /// <summary>OpenID metadata of the Emulator's (Azure AD) signing keys.</summary>
    [Required, Url]
    public string EmulatorOpenIdMetadataUrl { get; set; } = AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl;

    /// <summary>The OAuth token endpoint for outbound calls; empty derives it from <see cref="MicrosoftAppTenantId"/>.</summary>
    public string? TokenEndpointUrl { get; set; }

    /// <summary>The scope of outbound tokens.</summary>
    [Required]
    public string OAuthScope { get; set; } = AuthenticationConstants.ToChannelFromBotOAuthScope;

    /// <summary>Whom answers on the msteams channel are written for: <c>staff</c> (default, an internal reference) or <c>patient</c>.</summary>
    [Required, RegularExpression("^(?i)(staff|patient)$", ErrorMessage = "BotFramework:TeamsAudience must be 'staff' or 'patient'.")]
    public string TeamsAudience { get; set; } = "staff";

    /// <summary>Largest accepted request body in bytes; larger requests get 413.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = 256 * 1024;

    /// <summary>Longest Teams message in characters; longer answers are split.</summary>
    [Range(1000, 40_000)]
    public int TeamsMaxMessageCharacters { get; set; } = PainBot.BotFramework.Teams.TeamsMessageSplitter.DefaultMaxCharacters;

    /// <summary>Turns of normal delivery that may wait for a worker; beyond this /api/messages answers 503 with Retry-After.</summary>
    [Range(1, 100_000)]
    public int QueueCapacity { get; set; } = 256;

    /// <summary>Turns of normal delivery run at once (each worker takes the conversations that hash to it, in order).</summary>
    [Range(1, 64)]
    public int QueueWorkers { get; set; } = 4;

    /// <summary>True when no app id is configured.</summary>
    public bool IsAuthenticationDisabled => string.IsNullOrWhiteSpace(MicrosoftAppId);

    /// <summary>The audience for Teams turns.</summary>
    public Audience TeamsAudienceValue => string.Equals(TeamsAudience, "patient", StringComparison.OrdinalIgnoreCase) ? Audience.Patient : Audience.Staff;

    /// <summary>The token endpoint to use.</summary>
    public Uri ResolveTokenEndpoint() =>
        string.IsNullOrWhiteSpace(TokenEndpointUrl) ? BotCredentials.DefaultTokenEndpoint(MicrosoftAppTenantId) : new Uri(TokenEndpointUrl, UriKind.Absolute);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsAuthenticationDisabled && string.IsNullOrWhiteSpace(MicrosoftAppPassword))
        {
            yield return new ValidationResult(
                "BotFramework:MicrosoftAppPassword is required when BotFramework:MicrosoftAppId is set.",
                [nameof(MicrosoftAppPassword)]);
        }

        if (!string.IsNullOrWhiteSpace(TokenEndpointUrl) && !Uri.TryCreate(TokenEndpointUrl, UriKind.Absolute, out _))
        {
            yield return new ValidationResult("BotFramework:TokenEndpointUrl must be an absolute URL or empty.", [nameof(TokenEndpointUrl)]);
        }
    }
}
