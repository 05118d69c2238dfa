using System.Text.Json;
using System.Text.Json.Serialization;

namespace PainBot.BotFramework.Schema;

/// <summary>Quick replies shown under a message (Microsoft.Bot.Schema.SuggestedActions).</summary>
public sealed class SuggestedActions
{
    public IList<string>? To { get; set; }

    public IList<CardAction>? Actions { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}
