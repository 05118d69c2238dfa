using System.Text.Json;
using System.Text.Json.Serialization;

namespace PainBot.BotFramework.Schema;

/// <summary>A file or card attached to an activity (Microsoft.Bot.Schema.Attachment).</summary>
public sealed class Attachment
{
    public string? ContentType { get; set; }

    public string? ContentUrl { get; set; }

    public JsonElement? Content { get; set; }

    public string? Name { get; set; }

    public string? ThumbnailUrl { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}
