using System.Text.Json;
using System.Text.Json.Serialization;

namespace PainBot.BotFramework.Schema;

/// <summary>A user or bot on a channel (Microsoft.Bot.Schema.ChannelAccount).</summary>
public sealed class ChannelAccount
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? AadObjectId { get; set; }

    /// <summary>user, bot or skill.</summary>
    public string? Role { get; set; }

    /// <summary>Fields this type does not model, kept so they survive a round trip.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}
