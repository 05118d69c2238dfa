using System.Text.Json;

namespace PainBot.BotFramework.Schema;

/// <summary>
/// A mention entity read from an <see cref="Entity"/> (Microsoft.Bot.Schema.Mention):
/// <c>{"type":"mention","mentioned":{"id","name"},"text":"&lt;at&gt;Name&lt;/at&gt;"}</c>.
/// </summary>
/// <param name="MentionedId">The id of the account mentioned.</param>
/// <param name="MentionedName">Its display name, when given.</param>
/// <param name="Text">The text of the mention as it appears in the message.</param>
public sealed record Mention(string? MentionedId, string? MentionedName, string? Text)
{
    /// <summary>The mention in <paramref name="entity"/>, or null when it is not one. The type is compared ignoring case (the wire says "mention", the docs "Mention").</summary>
    public static Mention? From(Entity entity)
    {
        if (!string.Equals(entity.Type, "mention", StringComparison.OrdinalIgnoreCase) || entity.Properties is null)
        {
            return null;
        }

        string? id = null, name = null, text = null;
        if (entity.Properties.TryGetValue("mentioned", out var mentioned) && mentioned.ValueKind == JsonValueKind.Object)
        {
            id = StringProperty(mentioned, "id");
            name = StringProperty(mentioned, "name");
        }

        if (entity.Properties.TryGetValue("text", out var t) && t.ValueKind == JsonValueKind.String)
        {
            text = t.GetString();
        }

        return new Mention(id, name, text);
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
