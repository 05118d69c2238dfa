using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PainBot.Core.Analytics;

namespace PainBot.Analytics.Recording;

/// <summary>
/// The recorder: a bounded queue between turns and the database: enqueueing never waits, so a slow or unreachable database
/// never slows a turn. When the queue is full a record is dropped and counted (logged at 1, 2, 4, 8, … drops).
/// "Forget me" is never dropped: it waits for room, off the turn's path. <see cref="AnalyticsWriter"/> empties it.
/// </summary>
public sealed partial class AnalyticsRecorder
{
    private readonly Channel<AnalyticsWork> _channel;
    private readonly ILogger<AnalyticsRecorder> _logger;
    private long _dropped;

    public AnalyticsRecorder(IOptions<AnalyticsOptions> options, ILogger<AnalyticsRecorder> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        _channel = Channel.CreateBounded<AnalyticsWork>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    /// <summary>Records dropped because the queue was full (or closed) since start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Records waiting.</summary>
    public int Count => _channel.Reader.Count;

    internal ChannelReader<AnalyticsWork> Reader => _channel.Reader;

    /// <summary>Queues a turn record; false when it was dropped.</summary>
    public bool TryEnqueue(TurnRecord turn) => TryEnqueue(new AnalyticsWork(Turn: turn));

    /// <summary>Queues an unanswered question (already redacted); false when it was dropped.</summary>
    public bool TryEnqueue(UnansweredRecord question) => TryEnqueue(new AnalyticsWork(Unanswered: question));

    /// <summary>Queues feedback (reason already redacted); false when it was dropped.</summary>
    public bool TryEnqueue(FeedbackRecord feedback) => TryEnqueue(new AnalyticsWork(Feedback: feedback));

    /// <summary>
    /// Queues "forget me" behind the person's earlier records (so none of them is written after it). Waits for
    /// room when the queue is full; completes when queued, not when deleted.
    /// </summary>
    public ValueTask EnqueueForgetAsync(string conversation, string user, CancellationToken cancellationToken = default)
    {
        var work = new AnalyticsWork(Forget: (conversation, user));
        return _channel.Writer.TryWrite(work) ? ValueTask.CompletedTask : _channel.Writer.WriteAsync(work, cancellationToken);
    }

    /// <summary>No more records: the writer empties what is queued and stops.</summary>
    internal void Complete() => _channel.Writer.TryComplete();

    private bool TryEnqueue(AnalyticsWork work)
    {
        if (_channel.Writer.TryWrite(work))
        {
            return true;
        }

        var dropped = Interlocked.Increment(ref _dropped);
        if ((dropped & (dropped - 1)) == 0)
        {
            LogDropped(dropped);
        }

        return false;
    }

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "Analytics queue full: a record was dropped ({Dropped} dropped since start)")]
    private partial void LogDropped(long dropped);
}
