using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PainBot.Analytics.Storage;
using PainBot.Tests.Shared;

namespace PainBot.Analytics.Tests.Support;

/// <summary>
/// A fresh, empty database for one test: a SQLite file in a temporary folder, or a new schema in the test
/// PostgreSQL database (dropped afterwards). Every store made by <see cref="Store"/> shares it.
/// </summary>
public sealed class StoreTarget : IAsyncDisposable
{
    private readonly List<AnalyticsDatabase> _databases = [];
    private readonly string? _folder;
    private readonly string? _schema;
    private readonly string? _adminConnection;

    private StoreTarget(bool postgres, string connectionString, string? folder, string? schema, string? admin)
    {
        IsPostgres = postgres;
        ConnectionString = connectionString;
        _folder = folder;
        _schema = schema;
        _adminConnection = admin;
    }

    public bool IsPostgres { get; }

    public string ConnectionString { get; }

    /// <summary>The SQLite file (null on PostgreSQL).</summary>
    public string? SqliteFile => IsPostgres ? null : new SqliteConnectionStringBuilder(ConnectionString).DataSource;

    public static StoreTarget Sqlite()
    {
        var folder = Path.Combine(Path.GetTempPath(), "painbot-analytics-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return new StoreTarget(false, "Data Source=" + Path.Combine(folder, "analytics.db"), folder, null, null);
    }

    public static async Task<StoreTarget> PostgresAsync()
    {
        var admin = TestServices.RequirePostgres();
        var schema = "t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var scoped = new NpgsqlConnectionStringBuilder(admin) { SearchPath = schema }.ToString();
        return new StoreTarget(true, scoped, null, schema, admin);
    }

    public static async Task<StoreTarget> CreateAsync(bool postgres) => postgres ? await PostgresAsync() : Sqlite();

    /// <summary>A new store (with its own database object and pool) over the same data.</summary>
    public SqlAnalyticsStore Store(TimeProvider? time = null)
    {
        AnalyticsDatabase database = IsPostgres ? new PostgresAnalyticsDatabase(ConnectionString) : new SqliteAnalyticsDatabase(ConnectionString);
        _databases.Add(database);
        return new SqlAnalyticsStore(database, time ?? TimeProvider.System, NullLogger<SqlAnalyticsStore>.Instance);
    }

    /// <summary>Every cell of every table of the schema, as text (for the privacy scan).</summary>
    public async Task<string> DumpAsync()
    {
        var text = new System.Text.StringBuilder();
        if (IsPostgres)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            var tables = new List<string>();
            await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = @s", connection))
            {
                list.Parameters.AddWithValue("s", _schema!);
                await using var reader = await list.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            foreach (var table in tables)
            {
                text.Append("## ").AppendLine(table);
                await using var select = new NpgsqlCommand($"SELECT t::text FROM \"{table}\" t", connection);
                await using var reader = await select.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    text.AppendLine(reader.GetString(0));
                }
            }
        }
        else
        {
            foreach (var file in Directory.GetFiles(_folder!))
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var memory = new MemoryStream();
                await stream.CopyToAsync(memory);
                text.Append("## ").AppendLine(Path.GetFileName(file));
                text.AppendLine(System.Text.Encoding.UTF8.GetString(memory.ToArray()));
            }
        }

        return text.ToString();
    }

    /// <summary>The rows a query gives, each as its values (DBNull as null).</summary>
    public async Task<List<object?[]>> RowsAsync(string sql)
    {
        var rows = new List<object?[]>();
        await using var connection = await Store().Database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i))]);
        }

        return rows;
    }

    /// <summary>Runs one statement on the target.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await Store().Database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The number of rows of one table.</summary>
    public async Task<long> CountAsync(string table)
    {
        await using var connection = await Store().Database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }

        if (_folder is not null && Environment.GetEnvironmentVariable("PAINBOT_KEEP_TEST_DB") is null)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A pooled handle still open elsewhere: the temporary folder is left for the OS.
            }
        }

        if (_schema is not null)
        {
            await using var connection = new NpgsqlConnection(_adminConnection);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
