using System.Security.Cryptography;
using PainBot.Core.Conversation;
using StackExchange.Redis;

namespace PainBot.Web.State;

/// <summary>
/// A short per-conversation lock in Redis around a turn's read-modify-write of the conversation state, so two
/// instances handling one conversation at once do not overwrite each other's turn: <c>SET NX PX</c> with a random
/// token, released by a Lua script only by its holder, expiring by itself if the holder dies. Waiting backs off up to
/// <see cref="MaxWait"/>, then the turn goes on unlocked (and so does it when Redis does not answer): a slow turn
/// elsewhere must not stop this one.
/// </summary>
public sealed partial class RedisConversationLock(RedisConnection redis, ILogger<RedisConversationLock> logger) : IConversationLock
{
    /// <summary>How long a lock lives if its holder never releases it.</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(30);

    /// <summary>The longest a turn waits for another instance's turn of the same conversation.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    private const string ReleaseScript = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    /// <inheritdoc/>
    public async ValueTask<IAsyncDisposable> AcquireAsync(string conversationId, CancellationToken cancellationToken)
    {
        RedisKey key = redis.Prefix + "lock:" + conversationId;
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var deadline = DateTime.UtcNow + MaxWait;
        var delay = TimeSpan.FromMilliseconds(5);
        try
        {
            var database = await redis.DatabaseAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            while (true)
            {
                if (await database.StringSetAsync(key, token, Expiry, When.NotExists).WaitAsync(cancellationToken).ConfigureAwait(false))
                {
                    return new Held(database, key, token);
                }

                if (DateTime.UtcNow >= deadline)
                {
                    LogGaveUp();
                    return NotHeld.Instance;
                }

                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 100));
            }
        }
        catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException)
        {
            // The turn's own reads will meet the outage and answer it; the lock does not add a failure of its own.
            return NotHeld.Instance;
        }
    }

    [LoggerMessage(EventId = 6020, Level = LogLevel.Warning, Message = "Conversation lock in Redis not obtained in time; the turn goes on without it.")]
    private partial void LogGaveUp();

    private sealed class Held(IDatabase database, RedisKey key, string token) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await database.ScriptEvaluateAsync(ReleaseScript, [key], [token]).ConfigureAwait(false);
            }
            catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException)
            {
                // It expires by itself.
            }
        }
    }

    private sealed class NotHeld : IAsyncDisposable
    {
        public static readonly NotHeld Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
