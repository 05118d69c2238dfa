namespace PainBot.BotFramework.Schema;

/// <summary>Channel ids seen in <see cref="Activity.ChannelId"/> (Microsoft.Bot.Connector.Channels).</summary>
public static class Channels
{
    public const string Msteams = "msteams";
    public const string Directline = "directline";
    public const string Webchat = "webchat";
    public const string Emulator = "emulator";
}
