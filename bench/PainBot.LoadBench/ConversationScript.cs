using System.Text.Json;

namespace PainBot.LoadBench;

/// <summary>One scripted conversation: an opening question and the follow-ups asked after it, in order.</summary>
/// <param name="Opening">The first message of the conversation.</param>
/// <param name="FollowUps">Messages that lean on the opening (the dialog sees them as the same conversation).</param>
internal sealed record ConversationScript(string Opening, IReadOnlyList<string> FollowUps)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Every message of the conversation, the opening first.</summary>
    public IEnumerable<string> Messages => [Opening, .. FollowUps];

    /// <summary>Reads the scripts from a JSON array of <c>{ "opening": ..., "followUps": [...] }</c>.</summary>
    public static IReadOnlyList<ConversationScript> Load(string path)
    {
        var scripts = JsonSerializer.Deserialize<List<ConversationScript>>(File.ReadAllText(path), Json);
        if (scripts is not { Count: > 0 } || scripts.Any(s => string.IsNullOrWhiteSpace(s.Opening) || s.FollowUps is null))
        {
            throw new InvalidDataException($"{path} must be a non-empty array of {{ \"opening\", \"followUps\" }} objects.");
        }

        return scripts;
    }
}
