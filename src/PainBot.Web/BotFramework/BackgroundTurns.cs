using System.Threading.Channels;
using Microsoft.Extensions.Options;
using PainBot.BotFramework.Authentication;
using PainBot.BotFramework.Connector;
using PainBot.BotFramework.Schema;
using PainBot.Core.Telemetry;
using ActivityContext = System.Diagnostics.ActivityContext;
using ActivityKind = System.Diagnostics.ActivityKind;
using ActivityStatusCode = System.Diagnostics.ActivityStatusCode;

namespace PainBot.Web.BotFramework;

/// <summary>
/// Turns of normal delivery, run after <c>/api/messages</c> has acknowledged them (as botbuilder's CloudAdapter
/// acknowledges before the bot's replies are sent), so a slow model answer outlives the channel's request timeout.
/// A few workers each read their own bounded queue; a conversation always lands on the same worker, so its turns
/// run in the order they arrived. A full queue refuses the activity (the endpoint answers 503 with Retry-After)
/// rather than holding it. At shutdown the queues stop taking work and drain within the host's shutdown timeout;
/// turns still running then are cancelled.
/// </summary>
public sealed class BackgroundTurns : IHostedService, IDisposable
{
    private readonly Channel<QueuedTurn>[] _queues;
    private readonly Task[] _workers;
    private readonly BotActivityProcessor _processor;
    private readonly BotConnectorClient _connector;
    private readonly ILogger<BackgroundTurns> _logger;
    private readonly CancellationTokenSource _abort = new();
    private int _pending;

    public BackgroundTurns(BotActivityProcessor processor, BotConnectorClient connector, IOptions<BotFrameworkOptions> options, ILogger<BackgroundTurns> logger)
    {
        _processor = processor;
        _connector = connector;
        _logger = logger;
        var settings = options.Value;
        var perWorker = Math.Max(1, settings.QueueCapacity / settings.QueueWorkers);
        _queues = [.. Enumerable.Range(0, settings.QueueWorkers).Select(_ => Channel.CreateBounded<QueuedTurn>(
            new BoundedChannelOptions(perWorker) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait }))];
        _workers = new Task[_queues.Length];
    }

    /// <summary>How long a refused sender should wait before trying again.</summary>
    public static TimeSpan RetryAfter { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Turns accepted and not yet finished.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Queues <paramref name="activity"/>; false when its queue is full or the host is stopping.</summary>
    public bool TryEnqueue(Activity activity)
    {
        var key = activity.Conversation?.Id ?? string.Empty;
        var queue = _queues[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_queues.Length)];
        Interlocked.Increment(ref _pending);

        // The request's trace goes with the turn, so its spans hang under the request that brought it.
        if (queue.Writer.TryWrite(new QueuedTurn(activity, System.Diagnostics.Activity.Current?.Context ?? default)))
        {
            return true;
        }

        Interlocked.Decrement(ref _pending);
        return false;
    }

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < _queues.Length; i++)
        {
            var reader = _queues[i].Reader;
            _workers[i] = Task.Run(() => RunAsync(reader), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var queue in _queues)
        {
            queue.Writer.TryComplete();
        }

        try
        {
            await Task.WhenAll(_workers.Where(w => w is not null)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            BotFrameworkLog.QueueAbandoned(_logger, Pending);
            await _abort.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _abort.Dispose();

    private async Task RunAsync(ChannelReader<QueuedTurn> reader)
    {
        await foreach (var turn in reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            try
            {
                await DeliverAsync(turn).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _pending);
            }
        }
    }

    private async Task DeliverAsync(QueuedTurn turn)
    {
        var activity = turn.Activity;
        using var span = PainBotTelemetry.Source.StartActivity("painbot.deliver", ActivityKind.Internal, turn.Parent);
        span?.SetTag(PainBotTelemetry.Tags.Channel, activity.ChannelId);
        try
        {
            await _processor.ProcessAsync(activity, (a, ct) => _connector.SendAsync(a, ct), buffered: false, _abort.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            span?.SetStatus(ActivityStatusCode.Error, "abandoned at shutdown");
        }
        catch (Exception e) when (e is ConnectorException or BotAuthenticationException or HttpRequestException or OperationCanceledException)
        {
            // These carry status codes and connection errors, never the conversation's words.
            span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            BotFrameworkLog.DeliveryFailed(_logger, e, activity.ChannelId);
        }
        catch (Exception e)
        {
            // Anything else may quote the turn in its message: the type is enough to start looking.
            span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            BotFrameworkLog.TurnFailed(_logger, e.GetType().FullName ?? e.GetType().Name, activity.ChannelId);
        }
    }

    private sealed record QueuedTurn(Activity Activity, ActivityContext Parent);
}
