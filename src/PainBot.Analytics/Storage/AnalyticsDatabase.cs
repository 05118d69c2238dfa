using System.Data.Common;

namespace PainBot.Analytics.Storage;

/// <summary>
/// What differs between the two providers: how a connection is opened and how a migration shuts out other
/// instances. Everything else (tables, queries) is one SQL text shared by both, in <see cref="SqlAnalyticsStore"/>.
/// </summary>
public abstract class AnalyticsDatabase : IAsyncDisposable
{
    /// <summary>"sqlite" or "postgresql", for messages.</summary>
    public abstract string Name { get; }

    /// <summary>An open connection (pooled by the provider).</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Starts the transaction a migration runs in, holding the lock that makes a second instance starting at the
    /// same time wait until the first has committed (and then find nothing left to do).
    /// </summary>
    public abstract Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Called after rows were deleted (forget me, purge) on the same connection, once committed: where deleted
    /// rows could linger in the files, they are wiped here.
    /// </summary>
    public virtual Task AfterDeleteAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
