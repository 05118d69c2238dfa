using System.Collections.Concurrent;
using System.Security.Cryptography;
using PainBot.BotFramework.DirectLine;
using StackExchange.Redis;

namespace PainBot.Web.State;

/// <summary>
/// Cross-instance notifications over Redis pub/sub, with one subscription per process and local waiters: a new
/// activity (or an expired conversation) wakes the WebSocket streams and long waits of that conversation on every
/// instance, and a WebSocket opened on one instance closes the older socket of the same conversation on the
/// others, as <see cref="DirectLineStreams"/> does within one instance.
/// </summary>
public sealed class RedisActivitySignals : IAsyncDisposable
{
    private readonly RedisConnection _redis;
    private readonly DirectLineStreams _streams;
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new(StringComparer.Ordinal);
    private readonly string _instance = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
    private readonly Lock _gate = new();
    private Task? _subscribed;

    public RedisActivitySignals(RedisConnection redis, DirectLineStreams streams)
    {
        _redis = redis;
        _streams = streams;
        ActivityChannel = RedisChannel.Literal(redis.Prefix + "dl:activity");
        StreamChannel = RedisChannel.Literal(redis.Prefix + "dl:stream");
        streams.Registered += OnStreamRegistered;
    }

    /// <summary>Published (with the conversation id) when an activity is appended or a conversation expires.</summary>
    public RedisChannel ActivityChannel { get; }

    /// <summary>Published (conversation id and instance) when a WebSocket opens.</summary>
    public RedisChannel StreamChannel { get; }

    /// <summary>Subscribes once (again after a failure); called at start and before every wait.</summary>
    public Task EnsureSubscribedAsync()
    {
        var subscribed = _subscribed;
        if (subscribed is null || subscribed.IsFaulted || subscribed.IsCanceled)
        {
            lock (_gate)
            {
                subscribed = _subscribed;
                if (subscribed is null || subscribed.IsFaulted || subscribed.IsCanceled)
                {
                    _subscribed = subscribed = SubscribeAsync();
                }
            }
        }

        return subscribed;
    }

    /// <summary>
    /// The next notification for the conversation. Take it before reading the count, so an activity appended in
    /// between is not missed.
    /// </summary>
    public async Task<Task> NextAsync(string conversationId)
    {
        await EnsureSubscribedAsync().ConfigureAwait(false);
        return _waiters.GetOrAdd(conversationId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _streams.Registered -= OnStreamRegistered;
        if (_subscribed is { IsCompletedSuccessfully: true })
        {
            var subscriber = (await _redis.GetAsync().ConfigureAwait(false)).GetSubscriber();
            await subscriber.UnsubscribeAsync(ActivityChannel).ConfigureAwait(false);
            await subscriber.UnsubscribeAsync(StreamChannel).ConfigureAwait(false);
        }

        foreach (var waiter in _waiters.Values)
        {
            waiter.TrySetResult();
        }
    }

    private async Task SubscribeAsync()
    {
        var subscriber = (await _redis.GetAsync().ConfigureAwait(false)).GetSubscriber();
        await subscriber.SubscribeAsync(ActivityChannel, (_, message) => Wake(message.ToString())).ConfigureAwait(false);
        await subscriber.SubscribeAsync(StreamChannel, (_, message) => OnRemoteStream(message.ToString())).ConfigureAwait(false);
    }

    private void Wake(string conversationId)
    {
        // Every waiter takes the same source; a new one is made for the next notification.
        if (_waiters.TryRemove(conversationId, out var waiter))
        {
            waiter.TrySetResult();
        }
    }

    private void OnStreamRegistered(string conversationId)
    {
        var message = _instance + "|" + conversationId;
        _ = PublishAsync(message);
    }

    private async Task PublishAsync(string message)
    {
        try
        {
            await EnsureSubscribedAsync().ConfigureAwait(false);
            var subscriber = (await _redis.GetAsync().ConfigureAwait(false)).GetSubscriber();
            await subscriber.PublishAsync(StreamChannel, message, CommandFlags.FireAndForget).ConfigureAwait(false);
        }
        catch (RedisException)
        {
            // Best effort: without it an older socket elsewhere simply stays open until its client closes it.
        }
    }

    private void OnRemoteStream(string message)
    {
        var split = message.IndexOf('|', StringComparison.Ordinal);
        if (split <= 0 || message.AsSpan(0, split).SequenceEqual(_instance))
        {
            return;
        }

        _streams.Close(message[(split + 1)..]);
    }
}
