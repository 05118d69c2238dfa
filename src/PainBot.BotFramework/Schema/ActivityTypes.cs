namespace PainBot.BotFramework.Schema;

/// <summary>Activity type names (Microsoft.Bot.Schema.ActivityTypes).</summary>
public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string Typing = "typing";
    public const string EndOfConversation = "endOfConversation";
    public const string Event = "event";
    public const string Invoke = "invoke";
    public const string InstallationUpdate = "installationUpdate";
}
