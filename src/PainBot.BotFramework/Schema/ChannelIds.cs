namespace PainBot.BotFramework.Schema;

/// <summary>Channel ids seen in <see cref="Activity.ChannelId"/> (Microsoft.Bot.Connector.Channels; renamed so it does not clash with PainBot.Web.Channels).</summary>
public static class ChannelIds
{
    public const string Msteams = "msteams";
    public const string Directline = "directline";
    public const string Webchat = "webchat";
    public const string Emulator = "emulator";
}
