using PainBot.BotFramework.Schema;

namespace PainBot.BotFramework.DirectLine;

/// <summary>Activities after a watermark, and the watermark to ask from next (Microsoft.Bot.Connector.DirectLine.ActivitySet).</summary>
public sealed class ActivitySet
{
    public IList<Activity> Activities { get; set; } = [];

    /// <summary>Opaque to clients; here the number of activities the conversation has had.</summary>
    public string? Watermark { get; set; }
}
