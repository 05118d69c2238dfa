using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PainBot.Core.Analytics;

namespace PainBot.Analytics.Recording;

/// <summary>
/// Writes what <see cref="AnalyticsRecorder"/> holds in queue order, the turns waiting together in one transaction.
/// A failed write is logged (the error's type, never the record) and skipped. On shutdown the queue is closed and emptied before the host
/// stops (within the host's shutdown timeout).
/// </summary>
public sealed partial class AnalyticsWriter(AnalyticsRecorder queue, IAnalyticsStore store, ILogger<AnalyticsWriter> logger) : BackgroundService
{
    // Turns written in one transaction at most.
    private const int MaxBatch = 256;

    private long _failed;

    /// <summary>Writes that failed since start.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <inheritdoc/>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        if (ExecuteTask is { } running)
        {
            // Let the loop drain the queue; the host's shutdown token bounds the wait.
            await Task.WhenAny(running, Task.Delay(Timeout.Infinite, cancellationToken)).ConfigureAwait(false);
        }

        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Reads until the queue is completed and empty, not until stoppingToken: queued records are flushed.
        // Turns waiting together are written in one transaction; anything else is written in its place in the
        // queue, after the turns before it.
        var reader = queue.Reader;
        var turns = new List<TurnRecord>(MaxBatch);
        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            while (turns.Count < MaxBatch && reader.TryRead(out var work))
            {
                if (work.Turn is { } turn)
                {
                    turns.Add(turn);
                    continue;
                }

                await WriteAsync(turns, null).ConfigureAwait(false);
                await WriteAsync(turns, work).ConfigureAwait(false);
            }

            await WriteAsync(turns, null).ConfigureAwait(false);
        }
    }

    // Writes the batched turns (then clears them), or one other record.
    private async Task WriteAsync(List<TurnRecord> turns, AnalyticsWork? work)
    {
        var count = work is null ? turns.Count : 1;
        if (count == 0)
        {
            return;
        }

        try
        {
            await (work is null ? store.RecordTurnsAsync(turns, CancellationToken.None) : WriteOneAsync(work)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Interlocked.Add(ref _failed, count);
            LogWriteFailed(count, ex.GetType().Name);
        }
        finally
        {
            if (work is null)
            {
                turns.Clear();
            }
        }
    }

    private Task WriteOneAsync(AnalyticsWork work) => work switch
    {
        { Turn: { } turn } => store.RecordTurnAsync(turn, CancellationToken.None),
        { Unanswered: { } question } => store.RecordUnansweredAsync(question, CancellationToken.None),
        { Feedback: { } feedback } => store.RecordFeedbackAsync(feedback, CancellationToken.None),
        { Forget: { } person } => store.ForgetAsync(person.Conversation, person.User, CancellationToken.None),
        _ => Task.CompletedTask,
    };

    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "{Count} analytics records could not be written ({Error}); they were skipped")]
    private partial void LogWriteFailed(int count, string error);
}
