using System.Data.Common;
using Npgsql;

namespace PainBot.Analytics.Storage;

/// <summary>
/// A PostgreSQL database shared by every instance. A migration takes a transaction-scoped advisory lock first,
/// so instances starting together run it one after the other; the lock ends with the transaction.
/// </summary>
public sealed class PostgresAnalyticsDatabase(string connectionString) : AnalyticsDatabase
{
    // Any constant both instances agree on; "PainBot analytics" in ASCII, folded into 63 bits.
    private const long MigrationLockKey = 0x5061696E_426F7441;

    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(connectionString);

    /// <inheritdoc/>
    public override string Name => "postgresql";

    /// <inheritdoc/>
    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public override async Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT pg_advisory_xact_lock(@key)";
            var key = command.CreateParameter();
            key.ParameterName = "key";
            key.Value = MigrationLockKey;
            command.Parameters.Add(key);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc/>
    public override async ValueTask DisposeAsync()
    {
        await _source.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
