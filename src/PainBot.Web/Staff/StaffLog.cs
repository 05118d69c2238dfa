namespace PainBot.Web.Staff;

/// <summary>The staff report's log events.</summary>
internal static partial class StaffLog
{
    [LoggerMessage(EventId = 1401, Level = LogLevel.Error, Message = "The staff report could not be read from the analytics store")]
    public static partial void ReportFailed(ILogger logger, Exception exception);
}
