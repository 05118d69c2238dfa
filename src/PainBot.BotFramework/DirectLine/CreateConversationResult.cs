namespace PainBot.BotFramework.DirectLine;

/// <summary>Outcome of opening a conversation in the activity store.</summary>
public enum CreateConversationResult
{
    /// <summary>A new conversation.</summary>
    Created,

    /// <summary>It was already open (a token reused to reconnect).</summary>
    AlreadyExists,

    /// <summary>The store is at its conversation limit.</summary>
    Full,
}
