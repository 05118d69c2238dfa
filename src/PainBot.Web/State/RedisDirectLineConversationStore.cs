using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PainBot.BotFramework.DirectLine;
using PainBot.BotFramework.Schema;
using StackExchange.Redis;

namespace PainBot.Web.State;

/// <summary>
/// Direct Line activity streams in Redis, shared by every instance, with the semantics of
/// <see cref="InMemoryDirectLineConversationStore"/>: ids <c>{conversationId}|0000001</c> from a per-conversation
/// counter, the counter as the watermark, the last <c>MaxActivitiesPerConversation</c> activities kept (watermarks
/// stay valid), idle expiry, and <c>MaxConversations</c> open at once. Each operation is one Lua script, so an
/// append (counter, list, trim, expiry, notification) is atomic across instances. Activities are stored encrypted
/// (<see cref="StateProtector"/>), without their id, which is the position in the stream.
/// </summary>
/// <remarks>
/// Keys: <c>{prefix}dl:{id}:meta</c> (hash: count, active), <c>{prefix}dl:{id}:items</c> (list) and
/// <c>{prefix}dl:conversations</c> (sorted set of open conversations by last activity). The scripts touch the
/// shared index, so this runs on one Redis primary (with replicas or Sentinel), not on Redis Cluster.
/// </remarks>
public sealed class RedisDirectLineConversationStore(
    RedisConnection redis,
    StateProtector protector,
    RedisActivitySignals signals,
    IOptions<DirectLineOptions> options,
    TimeProvider time) : IDirectLineConversationStore
{
    // KEYS: meta, items, index. ARGV: now, idle, max conversations, ttl, conversation id.
    // Returns 0 created, 1 already open, 2 full.
    private const string CreateScript = """
        local now = tonumber(ARGV[1])
        local cutoff = now - tonumber(ARGV[2])
        local active = redis.call('HGET', KEYS[1], 'active')
        if active and tonumber(active) >= cutoff then return 1 end
        if redis.call('ZCARD', KEYS[3]) >= tonumber(ARGV[3]) then
          redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. cutoff)
          if redis.call('ZCARD', KEYS[3]) >= tonumber(ARGV[3]) then return 2 end
        end
        redis.call('DEL', KEYS[1], KEYS[2])
        redis.call('HSET', KEYS[1], 'count', 0, 'active', now)
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        redis.call('ZADD', KEYS[3], now, ARGV[5])
        return 0
        """;

    // KEYS: meta, items, index. ARGV: now, idle, max activities, ttl, conversation id, payload, channel.
    // Returns the activity's number (the new watermark), or -1 when the conversation is unknown or expired.
    private const string AppendScript = """
        local now = tonumber(ARGV[1])
        local active = redis.call('HGET', KEYS[1], 'active')
        if not active or tonumber(active) < now - tonumber(ARGV[2]) then return -1 end
        local n = redis.call('HINCRBY', KEYS[1], 'count', 1)
        if now > tonumber(active) then redis.call('HSET', KEYS[1], 'active', now) end
        local len = redis.call('RPUSH', KEYS[2], ARGV[6])
        local max = tonumber(ARGV[3])
        if len > max then redis.call('LTRIM', KEYS[2], len - max, -1) end
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        redis.call('PEXPIRE', KEYS[2], ARGV[4])
        redis.call('ZADD', KEYS[3], math.max(now, tonumber(active)), ARGV[5])
        redis.call('PUBLISH', ARGV[7], ARGV[5])
        return n
        """;

    // KEYS: meta, items. ARGV: now, idle, watermark. Returns nil when unknown, else {count, first number, items}.
    private const string ReadScript = """
        local m = redis.call('HMGET', KEYS[1], 'active', 'count')
        if not m[1] or tonumber(m[1]) < tonumber(ARGV[1]) - tonumber(ARGV[2]) then return false end
        local count = tonumber(m[2])
        local len = redis.call('LLEN', KEYS[2])
        local first = count - len
        local skip = tonumber(ARGV[3]) - first
        if skip < 0 then skip = 0 end
        local items = {}
        if skip < len then items = redis.call('LRANGE', KEYS[2], skip, -1) end
        return {count, first + skip, items}
        """;

    // KEYS: meta, items. ARGV: now, idle. Drops the stored activities, keeps the counter (watermarks stay valid).
    private const string ForgetScript = """
        local active = redis.call('HGET', KEYS[1], 'active')
        if not active or tonumber(active) < tonumber(ARGV[1]) - tonumber(ARGV[2]) then return 0 end
        redis.call('DEL', KEYS[2])
        return 1
        """;

    // KEYS: index. ARGV: cutoff, key prefix up to the id, channel, batch size.
    private const string ExpireScript = """
        local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1], 'LIMIT', 0, tonumber(ARGV[4]))
        local removed = 0
        for _, id in ipairs(ids) do
          redis.call('DEL', ARGV[2] .. id .. '}:meta', ARGV[2] .. id .. '}:items')
          removed = removed + redis.call('ZREM', KEYS[1], id)
          redis.call('PUBLISH', ARGV[3], id)
        end
        return removed
        """;

    private const int ExpireBatch = 500;

    private readonly DirectLineOptions _options = options.Value;
    private readonly long _idleMs = (long)TimeSpan.FromMinutes(options.Value.ConversationIdleMinutes).TotalMilliseconds;

    // Redis itself drops a conversation a little after it is logically expired, in case no instance sweeps.
    private readonly long _ttlMs = (long)TimeSpan.FromMinutes(options.Value.ConversationIdleMinutes + 5).TotalMilliseconds;

    /// <inheritdoc/>
    public async ValueTask<CreateConversationResult> CreateAsync(string conversationId, string userId, CancellationToken cancellationToken)
    {
        var database = await DatabaseAsync(cancellationToken).ConfigureAwait(false);
        var result = await database.ScriptEvaluateAsync(
            CreateScript,
            [Meta(conversationId), Items(conversationId), Index],
            [Now(), _idleMs, _options.MaxConversations, _ttlMs, conversationId]).WaitAsync(cancellationToken).ConfigureAwait(false);
        return (int)result switch
        {
            0 => CreateConversationResult.Created,
            1 => CreateConversationResult.AlreadyExists,
            _ => CreateConversationResult.Full,
        };
    }

    /// <inheritdoc/>
    public async ValueTask<bool> ExistsAsync(string conversationId, CancellationToken cancellationToken) =>
        await CountAsync(conversationId, cancellationToken).ConfigureAwait(false) is not null;

    /// <inheritdoc/>
    public async ValueTask<Activity?> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        activity.Id = null;
        activity.Timestamp = now.UtcDateTime;
        var json = JsonSerializer.SerializeToUtf8Bytes(activity, BotJson.Options);
        var items = Items(conversationId);
        var database = await DatabaseAsync(cancellationToken).ConfigureAwait(false);
        var result = await database.ScriptEvaluateAsync(
            AppendScript,
            [Meta(conversationId), items, Index],
            [now.ToUnixTimeMilliseconds(), _idleMs, _options.MaxActivitiesPerConversation, _ttlMs, conversationId, protector.Protect(json, items), signals.ActivityChannel.ToString()])
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        var number = (long)result;
        if (number < 0)
        {
            return null;
        }

        activity.Id = ActivityId(conversationId, number);
        var stored = JsonSerializer.Deserialize<Activity>(json, BotJson.Options)!;
        stored.Id = activity.Id;
        return stored;
    }

    /// <inheritdoc/>
    public async ValueTask<ActivitySet?> GetActivitiesAsync(string conversationId, long watermark, CancellationToken cancellationToken)
    {
        var items = Items(conversationId);
        var database = await DatabaseAsync(cancellationToken).ConfigureAwait(false);
        var result = await database.ScriptEvaluateAsync(ReadScript, [Meta(conversationId), items], [Now(), _idleMs, watermark])
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        if (result.IsNull)
        {
            return null;
        }

        var parts = (RedisResult[])result!;
        var count = (long)parts[0];
        var number = (long)parts[1];
        var activities = new List<Activity>();
        foreach (var item in (RedisResult[])parts[2]!)
        {
            number++;
            var json = protector.Unprotect((byte[])item!, items);
            if (json is null)
            {
                // Written with another DirectLine:Secret: unreadable here, so not delivered.
                continue;
            }

            var activity = JsonSerializer.Deserialize<Activity>(json, BotJson.Options)!;
            activity.Id = ActivityId(conversationId, number);
            activities.Add(activity);
        }

        return new ActivitySet { Activities = activities, Watermark = count.ToString(CultureInfo.InvariantCulture) };
    }

    /// <inheritdoc/>
    public async Task WaitForActivitiesAsync(string conversationId, long watermark, CancellationToken cancellationToken)
    {
        // Take the notification first, then read the count: an append in between completes it.
        var next = await signals.NextAsync(conversationId).WaitAsync(cancellationToken).ConfigureAwait(false);
        var count = await CountAsync(conversationId, cancellationToken).ConfigureAwait(false);
        if (count is null || count > watermark)
        {
            return;
        }

        // Wake up now and then so a conversation that expires while someone waits is noticed.
        using var delayCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(next, Task.Delay(TimeSpan.FromMinutes(1), time, delayCancel.Token)).ConfigureAwait(false);
        await delayCancel.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <inheritdoc/>
    public async ValueTask<int> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        var database = await DatabaseAsync(cancellationToken).ConfigureAwait(false);
        var cutoff = Now() - _idleMs;
        var total = 0;
        while (true)
        {
            var removed = (int)await database.ScriptEvaluateAsync(
                ExpireScript,
                [Index],
                [cutoff, redis.Prefix + "dl:{", signals.ActivityChannel.ToString(), ExpireBatch]).WaitAsync(cancellationToken).ConfigureAwait(false);
            total += removed;
            if (removed < ExpireBatch)
            {
                return total;
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask<bool> ForgetActivitiesAsync(string conversationId, CancellationToken cancellationToken)
    {
        var database = await DatabaseAsync(cancellationToken).ConfigureAwait(false);
        var result = await database.ScriptEvaluateAsync(ForgetScript, [Meta(conversationId), Items(conversationId)], [Now(), _idleMs])
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        return (int)result == 1;
    }

    private async Task<long?> CountAsync(string conversationId, CancellationToken cancellationToken)
    {
        var database = await DatabaseAsync(cancellationToken).ConfigureAwait(false);
        var values = await database.HashGetAsync(Meta(conversationId), ["active", "count"]).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (values[0].IsNull || (long)values[0] < Now() - _idleMs)
        {
            return null;
        }

        return (long)values[1];
    }

    private Task<IDatabase> DatabaseAsync(CancellationToken cancellationToken) => redis.DatabaseAsync().WaitAsync(cancellationToken);

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    private RedisKey Meta(string conversationId) => redis.Prefix + "dl:{" + conversationId + "}:meta";

    private string Items(string conversationId) => redis.Prefix + "dl:{" + conversationId + "}:items";

    private RedisKey Index => redis.Prefix + "dl:conversations";

    private static string ActivityId(string conversationId, long number) =>
        string.Create(CultureInfo.InvariantCulture, $"{conversationId}|{number:D7}");
}
