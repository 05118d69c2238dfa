using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace PainBot.Web.State;

/// <summary>
/// The process's one <see cref="ConnectionMultiplexer"/>, connected on first use (asynchronously, never blocking
/// start-up) and reconnecting on its own when Redis goes away.
/// </summary>
public sealed class RedisConnection : IAsyncDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _connection;

    public RedisConnection(IOptions<StateOptions> options)
    {
        var configuration = ConfigurationOptions.Parse(options.Value.Redis);

        // Keep trying in the background rather than failing the first request of a restart.
        configuration.AbortOnConnectFail = false;
        configuration.ClientName ??= "painbot";
        Prefix = options.Value.RedisKeyPrefix;
        _connection = new(() => ConnectionMultiplexer.ConnectAsync(configuration), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Prefix of every key and channel (State:RedisKeyPrefix).</summary>
    public string Prefix { get; }

    /// <summary>The multiplexer, once connected.</summary>
    public Task<ConnectionMultiplexer> GetAsync() => _connection.Value;

    /// <summary>The default database.</summary>
    public async Task<IDatabase> DatabaseAsync() => (await _connection.Value.ConfigureAwait(false)).GetDatabase();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated && _connection.Value.IsCompletedSuccessfully)
        {
            await (await _connection.Value.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }
    }
}
