namespace PainBot.Web.BotFramework;

/// <summary>Names of the IHttpClientFactory clients the Bot Framework adapter uses.</summary>
public static class BotFrameworkHttpClients
{
    /// <summary>Reads OpenID metadata and signing keys.</summary>
    public const string Metadata = "BotFramework.Metadata";

    /// <summary>Requests outbound tokens.</summary>
    public const string Token = "BotFramework.Token";

    /// <summary>Posts activities to channel connectors.</summary>
    public const string Connector = "BotFramework.Connector";
}
