namespace PainBot.BotFramework.Authentication;

/// <summary>What inbound token validation needs.</summary>
/// <param name="AppId">The bot's Microsoft App ID; empty disables authentication (local traffic only).</param>
/// <param name="OpenIdMetadataUrl">Metadata of the Bot Connector's signing keys.</param>
/// <param name="EmulatorOpenIdMetadataUrl">Metadata of the Emulator's (Azure AD) signing keys.</param>
public sealed record BotAuthenticationSettings(
    string? AppId,
    string OpenIdMetadataUrl = AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    string EmulatorOpenIdMetadataUrl = AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl)
{
    /// <summary>True when no App ID is configured (botbuilder's IsAuthenticationDisabled).</summary>
    public bool IsAuthenticationDisabled => string.IsNullOrEmpty(AppId);
}
