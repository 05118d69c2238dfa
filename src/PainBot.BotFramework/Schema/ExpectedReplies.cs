namespace PainBot.BotFramework.Schema;

/// <summary>The body returned for deliveryMode expectReplies (Microsoft.Bot.Schema.ExpectedReplies).</summary>
public sealed class ExpectedReplies
{
    public IList<Activity> Activities { get; set; } = [];
}
