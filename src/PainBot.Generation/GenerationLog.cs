using Microsoft.Extensions.Logging;

namespace PainBot.Generation;

/// <summary>The events of the model composer. No user text is ever logged here, only reasons, counts and timings.</summary>
internal static partial class GenerationLog
{
    [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "Model call failed ({Reason}, {Error}) after {ElapsedMs} ms; the extractive answer was used")]
    public static partial void ModelFailed(ILogger logger, FallbackReason reason, string error, long elapsedMs);

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Generated answer failed verification ({Reason}, {Sentences} sentences); the extractive answer was used")]
    public static partial void VerificationFailed(ILogger logger, FallbackReason reason, int sentences);

    [LoggerMessage(EventId = 402, Level = LogLevel.Debug, Message = "Generated answer passed verification ({Sentences} sentences, {Citations} sources, {Removed} imitations removed) in {ElapsedMs} ms")]
    public static partial void Passed(ILogger logger, int sentences, int citations, int removed, long elapsedMs);

    [LoggerMessage(EventId = 403, Level = LogLevel.Information, Message = "Follow-up condensation failed ({Reason}); the message is used as it is")]
    public static partial void CondenseFailed(ILogger logger, FallbackReason reason);
}
