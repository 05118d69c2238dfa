namespace PainBot.Web.State;

/// <summary>Where conversation state and Direct Line activity streams live (section "State").</summary>
public sealed class StateOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "State";

    /// <summary>The default provider: this process's memory (one instance).</summary>
    public const string MemoryProvider = "Memory";

    /// <summary>The shared provider: Redis, so several instances serve the same conversations.</summary>
    public const string RedisProvider = "Redis";

    /// <summary><c>Memory</c> (default) or <c>Redis</c>.</summary>
    public string Provider { get; set; } = MemoryProvider;

    /// <summary>A StackExchange.Redis configuration string (e.g. <c>redis:6379,password=…,ssl=true</c>); required with Redis.</summary>
    public string Redis { get; set; } = "";

    /// <summary>Prefix of every Redis key and pub/sub channel, so several deployments (or tests) can share one server.</summary>
    public string RedisKeyPrefix { get; set; } = "painbot:";

    /// <summary>True when <see cref="Provider"/> names Redis.</summary>
    public bool UsesRedis => string.Equals(Provider, RedisProvider, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <see cref="Provider"/> names a known provider.</summary>
    public bool IsKnownProvider => UsesRedis || string.Equals(Provider, MemoryProvider, StringComparison.OrdinalIgnoreCase);
}
