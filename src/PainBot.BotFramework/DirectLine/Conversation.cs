using System.Text.Json.Serialization;

namespace PainBot.BotFramework.DirectLine;

/// <summary>A Direct Line conversation as returned to clients (Microsoft.Bot.Connector.DirectLine.Conversation).</summary>
public sealed class Conversation
{
    public string? ConversationId { get; set; }

    public string? Token { get; set; }

    [JsonPropertyName("expires_in")]
    public int? ExpiresIn { get; set; }

    public string? StreamUrl { get; set; }
}
