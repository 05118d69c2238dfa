namespace PainBot.Web.Channels;

/// <summary>Log events of <see cref="ChannelFeedback"/>. The reason a person gives is never logged.</summary>
internal static partial class ChannelFeedbackLog
{
    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Feedback recorded on {ChannelId}: helpful {Helpful}")]
    public static partial void Recorded(ILogger logger, string channelId, bool helpful);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "Ignored a feedback activity on {ChannelId} that names no like or dislike")]
    public static partial void Malformed(ILogger logger, string? channelId);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Error, Message = "Could not record feedback from {ChannelId}")]
    public static partial void RecordFailed(ILogger logger, Exception exception, string channelId);
}
