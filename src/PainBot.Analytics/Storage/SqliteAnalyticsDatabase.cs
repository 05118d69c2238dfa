using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace PainBot.Analytics.Storage;

/// <summary>
/// A SQLite file in write-ahead-log mode (readers such as the CLI's report do not block the writer). A migration
/// runs in a <c>BEGIN IMMEDIATE</c> transaction, which takes the file's write lock before reading the version.
/// </summary>
public sealed class SqliteAnalyticsDatabase : AnalyticsDatabase
{
    private readonly string _connectionString;

    /// <summary>Opens (creating when missing) the file named by <paramref name="connectionString"/>'s Data Source.</summary>
    public SqliteAnalyticsDatabase(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWriteCreate };
        if (builder.DefaultTimeout < 30)
        {
            builder.DefaultTimeout = 30;
        }

        FilePath = Path.GetFullPath(builder.DataSource);
        builder.DataSource = FilePath;
        _connectionString = builder.ToString();
    }

    /// <summary>The database file.</summary>
    public string FilePath { get; }

    /// <inheritdoc/>
    public override string Name => "sqlite";

    /// <inheritdoc/>
    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(FilePath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var pragma = connection.CreateCommand();
            // WAL is kept in the file once set; NORMAL syncs at checkpoints, which is safe in WAL mode.
            // secure_delete zeroes deleted rows in their pages, so "forget me" leaves nothing in the file.
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc/>
    public override async Task AfterDeleteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // The write-ahead log still holds the pages as they were before the delete: copy the zeroed pages into
        // the file and empty the log.
        ArgumentNullException.ThrowIfNull(connection);
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        await checkpoint.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override async Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // Microsoft.Data.Sqlite begins non-deferred transactions with BEGIN IMMEDIATE: the write lock is held from here.
        return await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
    }
}
