using Microsoft.Extensions.Logging;
using PainBot.Core.Analytics;
using PainBot.Core.Dialog;
using PainBot.Core.Knowledge;
using PainBot.Core.Safety;

namespace PainBot.Analytics.Recording;

/// <summary>
/// Turns a finished turn into a <see cref="TurnRecord"/> (no message text, pseudonymous keys) on the queue; a
/// "forget me" turn instead queues the deletion of the person's rows. Warm-up turns are left out.
/// </summary>
public sealed partial class AnalyticsTurnObserver(AnalyticsRecorder queue, TimeProvider time, ILogger<AnalyticsTurnObserver> logger) : ITurnObserver
{
    /// <inheritdoc/>
    public void OnTurn(UserTurn turn, TurnResult result, TimeSpan latency)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(result);
        if (turn.Channel == DialogManager.WarmUpChannel)
        {
            return;
        }

        try
        {
            var conversation = AnalyticsKeys.Of(turn.Channel, turn.ConversationId);
            var user = AnalyticsKeys.Of(turn.Channel, turn.UserId);
            if (result.Forgotten)
            {
                var queued = queue.EnqueueForgetAsync(conversation, user);
                if (!queued.IsCompletedSuccessfully)
                {
                    _ = queued.AsTask();
                }

                return;
            }

            queue.TryEnqueue(Record(turn, result, latency, time.GetUtcNow(), conversation, user));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Analytics must never fail a turn.
            LogObserverFailed(ex.GetType().Name);
        }
    }

    /// <summary>The record of one turn.</summary>
    internal static TurnRecord Record(UserTurn turn, TurnResult result, TimeSpan latency, DateTimeOffset at, string conversation, string user) => new(
        at,
        conversation,
        user,
        turn.Channel,
        turn.Audience.ToWire(),
        result.Topics,
        result.Confidence,
        result.Safety.Level.ToWire(),
        result.Safety.Layer,
        result.Scope.ToString().ToLowerInvariant(),
        result.Composer ?? "none",
        result.Fallback,
        latency.TotalMilliseconds,
        result.NotCovered);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Warning, Message = "Analytics turn record failed ({Error})")]
    private partial void LogObserverFailed(string error);
}
