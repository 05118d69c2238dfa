using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PainBot.BotFramework.Schema;

namespace PainBot.BotFramework.DirectLine;

/// <summary>
/// Activity streams in this process's memory, bounded in conversations, activities per conversation and idle
/// time. Activities are kept as serialised JSON so a caller cannot change what was delivered.
/// </summary>
public sealed class InMemoryDirectLineConversationStore(IOptions<DirectLineOptions> options, TimeProvider time) : IDirectLineConversationStore
{
    private readonly ConcurrentDictionary<string, Log> _conversations = new(StringComparer.Ordinal);
    private readonly DirectLineOptions _options = options.Value;

    /// <inheritdoc/>
    public ValueTask<CreateConversationResult> CreateAsync(string conversationId, string userId, CancellationToken cancellationToken)
    {
        if (_conversations.TryGetValue(conversationId, out var existing) && !IsExpired(existing))
        {
            return ValueTask.FromResult(CreateConversationResult.AlreadyExists);
        }

        if (_conversations.Count >= _options.MaxConversations)
        {
            RemoveExpired();
            if (_conversations.Count >= _options.MaxConversations)
            {
                return ValueTask.FromResult(CreateConversationResult.Full);
            }
        }

        var added = _conversations.TryAdd(conversationId, new Log(time.GetUtcNow()));
        return ValueTask.FromResult(added ? CreateConversationResult.Created : CreateConversationResult.AlreadyExists);
    }

    /// <inheritdoc/>
    public ValueTask<bool> ExistsAsync(string conversationId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Find(conversationId) is not null);

    /// <inheritdoc/>
    public ValueTask<Activity?> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        var log = Find(conversationId);
        if (log is null)
        {
            return ValueTask.FromResult<Activity?>(null);
        }

        TaskCompletionSource signal;
        Activity stored;
        lock (log)
        {
            var now = time.GetUtcNow();
            log.LastActive = now;
            log.Count++;
            activity.Id = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{conversationId}|{log.Count:D7}");
            activity.Timestamp = now.UtcDateTime;
            var json = JsonSerializer.Serialize(activity, BotJson.Options);
            log.Items.Enqueue(json);
            while (log.Items.Count > _options.MaxActivitiesPerConversation)
            {
                log.Items.Dequeue();
            }

            stored = JsonSerializer.Deserialize<Activity>(json, BotJson.Options)!;
            signal = log.Signal;
            log.Signal = NewSignal();
        }

        signal.TrySetResult();
        return ValueTask.FromResult<Activity?>(stored);
    }

    /// <inheritdoc/>
    public ValueTask<ActivitySet?> GetActivitiesAsync(string conversationId, long watermark, CancellationToken cancellationToken)
    {
        var log = Find(conversationId);
        if (log is null)
        {
            return ValueTask.FromResult<ActivitySet?>(null);
        }

        lock (log)
        {
            var firstKept = log.Count - log.Items.Count;
            var skip = Math.Max(0, watermark - firstKept);
            var activities = log.Items.Skip((int)Math.Min(skip, int.MaxValue))
                .Select(json => JsonSerializer.Deserialize<Activity>(json, BotJson.Options)!)
                .ToList();
            return ValueTask.FromResult<ActivitySet?>(new ActivitySet
            {
                Activities = activities,
                Watermark = log.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        }
    }

    /// <inheritdoc/>
    public async Task WaitForActivitiesAsync(string conversationId, long watermark, CancellationToken cancellationToken)
    {
        var log = Find(conversationId);
        if (log is null)
        {
            return;
        }

        Task wait;
        lock (log)
        {
            if (log.Count > watermark)
            {
                return;
            }

            wait = log.Signal.Task;
        }

        // Wake up now and then so a conversation that expires while someone waits is noticed.
        using var delayCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(wait, Task.Delay(TimeSpan.FromMinutes(1), time, delayCancel.Token)).ConfigureAwait(false);
        await delayCancel.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <inheritdoc/>
    public ValueTask<bool> ForgetActivitiesAsync(string conversationId, CancellationToken cancellationToken)
    {
        var log = Find(conversationId);
        if (log is null)
        {
            return ValueTask.FromResult(false);
        }

        lock (log)
        {
            log.Items.Clear();
        }

        return ValueTask.FromResult(true);
    }

    /// <inheritdoc/>
    public ValueTask<int> RemoveExpiredAsync(CancellationToken cancellationToken) => ValueTask.FromResult(RemoveExpired());

    private int RemoveExpired()
    {
        var removed = 0;
        foreach (var (id, log) in _conversations)
        {
            if (IsExpired(log) && _conversations.TryRemove(id, out _))
            {
                removed++;
                log.Signal.TrySetResult();
            }
        }

        return removed;
    }

    private Log? Find(string conversationId) =>
        _conversations.TryGetValue(conversationId, out var log) && !IsExpired(log) ? log : null;

    private bool IsExpired(Log log) => time.GetUtcNow() - log.LastActive > TimeSpan.FromMinutes(_options.ConversationIdleMinutes);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Log(DateTimeOffset created)
    {
        public DateTimeOffset LastActive { get; set; } = created;

        /// <summary>Activities ever appended: the watermark after the last one.</summary>
        public long Count { get; set; }

        public Queue<string> Items { get; } = new();

        public TaskCompletionSource Signal { get; set; } = NewSignal();
    }
}
