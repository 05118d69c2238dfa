using System.Collections.Concurrent;
using System.Diagnostics;

namespace PainBot.LoadBench;

/// <summary>
/// Runs a closed-loop load: <c>concurrency</c> workers, each holding one conversation at a time and sending its next
/// message when the previous reply arrived, after an optional think time (none: the figures are the host's capacity;
/// a second or more: conversations paced like people reading and typing). A worker
/// walks through a script, then opens a new conversation with the next script. New turns stop at the time limit or
/// the turn limit, whichever comes first; turns in flight are allowed to finish.
/// </summary>
internal sealed class LoadRunner(IReadOnlyList<ConversationScript> scripts, TimeSpan turnTimeout, TimeSpan thinkTime)
{
    /// <summary>Pause after a failure so a broken host is not hammered in a tight loop.</summary>
    private static readonly TimeSpan ErrorBackoff = TimeSpan.FromMilliseconds(100);

    public async Task<RunResult> RunAsync(ILoadTarget target, int concurrency, TimeSpan duration, int maxTurns, CancellationToken cancellationToken)
    {
        var turnsStarted = 0;
        var conversations = 0;
        var errors = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();

        bool TryStartTurn() =>
            !cancellationToken.IsCancellationRequested && clock.Elapsed < duration && Interlocked.Increment(ref turnsStarted) <= maxTurns;

        void Fail(Exception e)
        {
            var kind = e is OperationCanceledException && !cancellationToken.IsCancellationRequested
                ? $"timeout after {turnTimeout.TotalSeconds:0} s"
                : $"{e.GetType().Name}: {e.Message}";
            errors.AddOrUpdate(kind, 1, (_, n) => n + 1);
        }

        async Task<List<double>> WorkerAsync(int worker)
        {
            var latencies = new List<double>(1024);
            while (!cancellationToken.IsCancellationRequested && clock.Elapsed < duration && Volatile.Read(ref turnsStarted) < maxTurns)
            {
                var script = scripts[Interlocked.Increment(ref conversations) % scripts.Count];
                IBenchConversation conversation;
                try
                {
                    using var open = Timeout(cancellationToken);
                    conversation = await target.OpenAsync($"bench-user-{worker}", open.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    Fail(e);
                    await Task.Delay(ErrorBackoff, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                foreach (var message in script.Messages)
                {
                    if (!TryStartTurn())
                    {
                        break;
                    }

                    var started = Stopwatch.GetTimestamp();
                    try
                    {
                        using var turn = Timeout(cancellationToken);
                        await conversation.TurnAsync(message, turn.Token).ConfigureAwait(false);
                        latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        if (thinkTime > TimeSpan.Zero)
                        {
                            await Task.Delay(thinkTime, cancellationToken).ConfigureAwait(false);
                        }
                    }
                    catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                    {
                        // The conversation's state is unknown after a failure: start a fresh one.
                        Fail(e);
                        await Task.Delay(ErrorBackoff, cancellationToken).ConfigureAwait(false);
                        break;
                    }
                }
            }

            return latencies;
        }

        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(() => WorkerAsync(w), cancellationToken));
        var perWorker = await Task.WhenAll(workers).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        var all = perWorker.SelectMany(l => l).Order().ToArray();
        return new RunResult(target.Name, concurrency, elapsed, all, errors.Values.Sum(), errors);
    }

    private CancellationTokenSource Timeout(CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(turnTimeout);
        return source;
    }
}
