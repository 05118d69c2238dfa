using System.Text.Json;
using System.Text.Json.Serialization;

namespace PainBot.BotFramework.Schema;

/// <summary>The wire's JSON rules: camelCase, nulls left out, any casing accepted on input.</summary>
public static class BotJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
