using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PainBot.Core.Analytics;

namespace PainBot.Analytics.Recording;

/// <summary>
/// Writes what <see cref="AnalyticsRecorder"/> holds, one record at a time in queue order. A failed write is logged
/// (the error's type, never the record) and skipped. On shutdown the queue is closed and emptied before the host
/// stops (within the host's shutdown timeout).
/// </summary>
public sealed partial class AnalyticsWriter(AnalyticsRecorder queue, IAnalyticsStore store, ILogger<AnalyticsWriter> logger) : BackgroundService
{
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
        await foreach (var work in queue.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            try
            {
                await WriteAsync(work).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Interlocked.Increment(ref _failed);
                LogWriteFailed(ex.GetType().Name);
            }
        }
    }

    private Task WriteAsync(AnalyticsWork work) => work switch
    {
        { Turn: { } turn } => store.RecordTurnAsync(turn, CancellationToken.None),
        { Unanswered: { } question } => store.RecordUnansweredAsync(question, CancellationToken.None),
        { Feedback: { } feedback } => store.RecordFeedbackAsync(feedback, CancellationToken.None),
        { Forget: { } person } => store.ForgetAsync(person.Conversation, person.User, CancellationToken.None),
        _ => Task.CompletedTask,
    };

    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "Analytics record could not be written ({Error}); it was skipped")]
    private partial void LogWriteFailed(string error);
}
