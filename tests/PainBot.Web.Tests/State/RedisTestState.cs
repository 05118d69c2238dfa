using Microsoft.Extensions.Options;
using PainBot.BotFramework.DirectLine;
using PainBot.Tests.Shared;
using PainBot.Web.State;
using PainBot.Web.Tests.DirectLine;
using StackExchange.Redis;

namespace PainBot.Web.Tests.State;

/// <summary>
/// One test's corner of the test Redis: its own key prefix (so tests never collide), the pieces the stores need,
/// and a scan of everything written under the prefix.
/// </summary>
public sealed class RedisTestState : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    public RedisTestState()
    {
        ConnectionString = TestServices.RequireRedis();
        Prefix = "test:" + Guid.NewGuid().ToString("N")[..12] + ":";
    }

    public string ConnectionString { get; }

    public string Prefix { get; }

    public IOptions<StateOptions> StateOptions => Options.Create(new StateOptions { Provider = "Redis", Redis = ConnectionString, RedisKeyPrefix = Prefix });

    /// <summary>Settings for a web host on this corner of Redis.</summary>
    public Dictionary<string, string?> HostSettings() => new()
    {
        ["State:Provider"] = "Redis",
        ["State:Redis"] = ConnectionString,
        ["State:RedisKeyPrefix"] = Prefix,
        ["DirectLine:Secret"] = DirectLineApplication.Secret,
        ["Staff:ApiKey"] = PainBot.Web.Tests.Staff.StaffApp.Key,

        // With BM25 alone the follow-up questions these tests ask are not answered; the embeddings are cached on disk.
        ["Knowledge:Dense"] = "true",
        ["Knowledge:EmbeddingCachePath"] = Path.Combine(PainBot.Web.Tests.BotFramework.Support.RepoPaths.Root, "data", "cache"),
    };

    /// <summary>A Direct Line store as one instance would have it (its own connection and subscription).</summary>
    public RedisDirectLineConversationStore DirectLineStore(DirectLineOptions options, TimeProvider time)
    {
        var redis = new RedisConnection(StateOptions);
        var signals = new RedisActivitySignals(redis, new DirectLineStreams());
        _owned.Add(signals);
        _owned.Add(redis);
        return new RedisDirectLineConversationStore(redis, new StateProtector(Options.Create(options)), signals, Options.Create(options), time);
    }

    /// <summary>A connection for the test's own reads.</summary>
    public RedisConnection Connection()
    {
        var redis = new RedisConnection(StateOptions);
        _owned.Add(redis);
        return redis;
    }

    /// <summary>Every key under the prefix with its value(s), as raw bytes decoded as UTF-8 (lossy for ciphertext).</summary>
    public async Task<List<(string Key, string Value)>> ScanAsync()
    {
        var connection = await Connection().GetAsync();
        var database = connection.GetDatabase();
        var server = connection.GetServers().First();
        var found = new List<(string, string)>();
        await foreach (var key in server.KeysAsync(database.Database, Prefix + "*"))
        {
            var type = await database.KeyTypeAsync(key);
            IEnumerable<RedisValue> values = type switch
            {
                RedisType.String => [await database.StringGetAsync(key)],
                RedisType.List => await database.ListRangeAsync(key),
                RedisType.Hash => (await database.HashGetAllAsync(key)).SelectMany(e => new[] { e.Name, e.Value }),
                RedisType.SortedSet => (await database.SortedSetRangeByRankAsync(key)),
                _ => [],
            };
            found.AddRange(values.Select(v => ((string)key!, System.Text.Encoding.UTF8.GetString((byte[])v!))));
        }

        return found;
    }

    public async ValueTask DisposeAsync()
    {
        var connection = await Connection().GetAsync();
        var server = connection.GetServers().First();
        var database = connection.GetDatabase();
        await foreach (var key in server.KeysAsync(database.Database, Prefix + "*"))
        {
            await database.KeyDeleteAsync(key);
        }

        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }
    }
}
