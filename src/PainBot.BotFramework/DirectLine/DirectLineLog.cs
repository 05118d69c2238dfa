using Microsoft.Extensions.Logging;

namespace PainBot.BotFramework.DirectLine;

/// <summary>The Direct Line events worth logging. Ids only: a user's words never appear here.</summary>
internal static partial class DirectLineLog
{
    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Direct Line conversation {ConversationId} started")]
    public static partial void ConversationStarted(ILogger logger, string conversationId);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Direct Line refused a new conversation: the store holds its maximum of {MaxConversations}")]
    public static partial void StoreFull(ILogger logger, int maxConversations);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "The bot failed on activity {ActivityId} of Direct Line conversation {ConversationId}")]
    public static partial void BotFailed(ILogger logger, Exception exception, string? activityId, string conversationId);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Removed {Count} idle Direct Line conversations")]
    public static partial void Expired(ILogger logger, int count);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Debug, Message = "Direct Line stream for {ConversationId} replaced by a newer one")]
    public static partial void StreamCollision(ILogger logger, string conversationId);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Debug, Message = "Direct Line stream for {ConversationId} closed")]
    public static partial void StreamClosed(ILogger logger, string conversationId);
}
