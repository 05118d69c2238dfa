using System.Text.Json;
using System.Text.Json.Serialization;

namespace PainBot.BotFramework.Schema;

/// <summary>
/// An entity of an activity (mention, clientInfo, …). Only <see cref="Type"/> is modelled; the rest stays as
/// JSON (for a mention: <c>mentioned</c> and <c>text</c>).
/// </summary>
public sealed class Entity
{
    public string? Type { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}
