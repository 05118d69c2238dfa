using System.Text.Json;
using System.Text.Json.Serialization;

namespace PainBot.BotFramework.Schema;

/// <summary>The body of a connector error, <c>{"error":{"code","message"}}</c> (Microsoft.Bot.Schema.ErrorResponse).</summary>
public sealed class ErrorResponse
{
    public Error? Error { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}
