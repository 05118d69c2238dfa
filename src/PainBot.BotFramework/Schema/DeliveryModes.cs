namespace PainBot.BotFramework.Schema;

/// <summary>Values of <see cref="Activity.DeliveryMode"/> (Microsoft.Bot.Schema.DeliveryModes).</summary>
public static class DeliveryModes
{
    public const string Normal = "normal";
    public const string Notification = "notification";

    /// <summary>Every reply is returned inline in the HTTP response as <see cref="ExpectedReplies"/>, none is sent.</summary>
    public const string ExpectReplies = "expectReplies";
    public const string Ephemeral = "ephemeral";
}
