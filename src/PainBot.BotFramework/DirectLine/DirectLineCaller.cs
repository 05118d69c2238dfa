namespace PainBot.BotFramework.DirectLine;

/// <summary>Who called: the holder of the secret, or of a token bound to one conversation and user.</summary>
public sealed record DirectLineCaller(bool IsSecret, string? ConversationId, string? UserId, string? Token)
{
    /// <summary>True when this caller may act on <paramref name="conversationId"/>.</summary>
    public bool MayUse(string conversationId) => IsSecret || string.Equals(ConversationId, conversationId, StringComparison.Ordinal);
}
