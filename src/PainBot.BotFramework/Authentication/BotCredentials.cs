namespace PainBot.BotFramework.Authentication;

/// <summary>What the bot needs to obtain outbound tokens (client credentials).</summary>
/// <param name="AppId">The bot's Microsoft App ID; empty means outbound calls carry no token.</param>
/// <param name="AppPassword">Its client secret.</param>
/// <param name="TokenEndpoint">The OAuth 2.0 token endpoint (multi- or single-tenant authority).</param>
/// <param name="Scope">The scope requested, normally https://api.botframework.com/.default.</param>
public sealed record BotCredentials(string? AppId, string? AppPassword, Uri TokenEndpoint, string Scope = AuthenticationConstants.ToChannelFromBotOAuthScope)
{
    /// <summary>The token endpoint for a tenant, or the multi-tenant botframework.com one.</summary>
    public static Uri DefaultTokenEndpoint(string? tenantId) =>
        new($"https://login.microsoftonline.com/{(string.IsNullOrWhiteSpace(tenantId) ? AuthenticationConstants.DefaultChannelAuthTenant : tenantId)}/oauth2/v2.0/token");

    public override string ToString() => $"BotCredentials {{ AppId = {AppId}, TokenEndpoint = {TokenEndpoint} }}";
}
