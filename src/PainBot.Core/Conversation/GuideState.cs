namespace PainBot.Core.Conversation;

/// <summary>A guided dialog in progress: which one, which step, and the answers so far.</summary>
public sealed class GuideState(string name)
{
    public string Name { get; } = name;

    public int Step { get; set; }

    public Dictionary<string, string> Answers { get; } = new(StringComparer.Ordinal);
}
