namespace PainBot.Web.BotFramework;

/// <summary>The Bot Framework adapter's log events. A user's words are logged at Debug only.</summary>
internal static partial class BotFrameworkLog
{
    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "BotFramework:MicrosoftAppId is not set: POST /api/messages is UNAUTHENTICATED and accepts requests from loopback only. Set BotFramework:MicrosoftAppId and BotFramework:MicrosoftAppPassword before exposing the bot to a channel.")]
    public static partial void AuthenticationDisabled(ILogger logger);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Rejected a Bot Framework request: {Reason}")]
    public static partial void Unauthorized(ILogger logger, string reason);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "Rejected a Bot Framework request: {Reason}")]
    public static partial void BadRequest(ILogger logger, string reason);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Debug, Message = "Activity {Type} on {ChannelId}")]
    public static partial void ActivityReceived(ILogger logger, string type, string? channelId);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Error, Message = "Could not deliver replies on {ChannelId}")]
    public static partial void DeliveryFailed(ILogger logger, Exception exception, string? channelId);

    [LoggerMessage(EventId = 1207, Level = LogLevel.Debug, Message = "Refused a Bot Framework request for now: {Reason}")]
    public static partial void Unavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 1208, Level = LogLevel.Error, Message = "A queued turn on {ChannelId} failed with {ErrorType}")]
    public static partial void TurnFailed(ILogger logger, string errorType, string? channelId);

    [LoggerMessage(EventId = 1209, Level = LogLevel.Warning, Message = "The turn queue is full: refused an activity on {ChannelId} with 503")]
    public static partial void QueueFull(ILogger logger, string? channelId);

    [LoggerMessage(EventId = 1210, Level = LogLevel.Warning, Message = "Shutdown timeout reached with {Pending} queued turns unfinished; cancelling them")]
    public static partial void QueueAbandoned(ILogger logger, int pending);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Debug, Message = "Unhandled invoke {Name}")]
    public static partial void InvokeNotImplemented(ILogger logger, string? name);
}
