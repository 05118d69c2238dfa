using System.Text.Json;
using System.Text.Json.Serialization;

namespace PainBot.BotFramework.Schema;

/// <summary>A clickable action (Microsoft.Bot.Schema.CardAction); PainBot's suggestions are imBack actions.</summary>
public sealed class CardAction
{
    public string? Type { get; set; }

    public string? Title { get; set; }

    public string? Image { get; set; }

    public string? Text { get; set; }

    public string? DisplayText { get; set; }

    public JsonElement? Value { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}
