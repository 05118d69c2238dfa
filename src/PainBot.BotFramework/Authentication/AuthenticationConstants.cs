namespace PainBot.BotFramework.Authentication;

/// <summary>Well-known values of Bot Framework authentication (botbuilder-dotnet AuthenticationConstants).</summary>
public static class AuthenticationConstants
{
    /// <summary>The issuer of every token the Bot Connector sends to a bot.</summary>
    public const string ToBotFromChannelTokenIssuer = "https://api.botframework.com";

    /// <summary>OpenID metadata listing the Bot Connector's signing keys (with endorsements).</summary>
    public const string ToBotFromChannelOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>OpenID metadata for tokens from the Emulator (Azure AD keys); the SDK's choice over the docs' botframework.com tenant.</summary>
    public const string ToBotFromEmulatorOpenIdMetadataUrl = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";

    /// <summary>The tenant used for multi-tenant bots.</summary>
    public const string DefaultChannelAuthTenant = "botframework.com";

    /// <summary>The scope of outbound tokens for the Bot Connector.</summary>
    public const string ToChannelFromBotOAuthScope = "https://api.botframework.com/.default";

    /// <summary>The claim carrying the serviceUrl the connector vouches for.</summary>
    public const string ServiceUrlClaim = "serviceurl";

    /// <summary>Allowed clock skew when checking token lifetimes.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Signing algorithms accepted on inbound tokens.</summary>
    public static readonly IReadOnlyList<string> AllowedSigningAlgorithms = ["RS256", "RS384", "RS512"];

    /// <summary>Issuers of Emulator tokens (botbuilder-dotnet EmulatorValidation), public cloud and US Gov.</summary>
    public static readonly IReadOnlyList<string> EmulatorIssuers =
    [
        "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/",
        "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0",
        "https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/",
        "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0",
        "https://sts.windows.net/cab8a31a-1906-4287-a0d8-4eef66b95f6e/",
        "https://login.microsoftonline.us/cab8a31a-1906-4287-a0d8-4eef66b95f6e/v2.0",
        "https://login.microsoftonline.us/f8cdef31-a31e-4b4a-93e4-5f571e91255a/",
        "https://login.microsoftonline.us/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0",
    ];
}
