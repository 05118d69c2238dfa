using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using PainBot.Core.Analytics;
using PainBot.Core.Safety;
using PainBot.Core.Text;

namespace PainBot.Analytics.Storage;

/// <summary>
/// The analytics store over plain ADO.NET: one set of SQL statements for SQLite and PostgreSQL (the differences
/// live in <see cref="AnalyticsDatabase"/>). Text a person wrote arrives redacted and is redacted once more here,
/// so nothing unredacted can be written whoever calls.
/// </summary>
public sealed partial class SqlAnalyticsStore(AnalyticsDatabase database, TimeProvider time, ILogger<SqlAnalyticsStore> logger) : IAnalyticsStore
{
    private const long DayMs = 86_400_000;
    private const int MaxUnanswered = 100;
    private const int MaxTopics = 10;
    private const int MaxReasons = 20;

    /// <summary>The escalation levels of the report, in the contract's order.</summary>
    public static IReadOnlyList<string> EscalationLevels { get; } =
        [SafetyLevel.Emergency.ToWire(), SafetyLevel.Crisis.ToWire(), SafetyLevel.Urgent.ToWire(), SafetyLevel.MedSafety.ToWire()];

    /// <summary>The database underneath (tests read its tables).</summary>
    public AnalyticsDatabase Database => database;

    /// <inheritdoc/>
    public Task MigrateAsync(CancellationToken cancellationToken) => MigrateToAsync(LatestVersion, cancellationToken);

    /// <summary>Applies the steps up to <paramref name="version"/> (tests start from an older schema with it).</summary>
    internal async Task MigrateToAsync(int version, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await database.BeginMigrationAsync(connection, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, AnalyticsMigrations.VersionTable, cancellationToken).ConfigureAwait(false);
        var applied = new HashSet<int>();
        await using (var read = Command(connection, transaction, "SELECT version FROM schema_version"))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
            }
        }

        foreach (var (step, sql) in AnalyticsMigrations.Steps.Where(s => s.Version <= version && !applied.Contains(s.Version)))
        {
            await ExecuteAsync(connection, transaction, sql, cancellationToken).ConfigureAwait(false);
            await using var mark = Command(connection, transaction, "INSERT INTO schema_version (version, applied_at_ms) VALUES (@v, @at)", ("v", step), ("at", Ms(time.GetUtcNow())));
            await mark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            LogMigrated(database.Name, step);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The versions recorded in <c>schema_version</c>, lowest first.</summary>
    public async Task<IReadOnlyList<int>> AppliedVersionsAsync(CancellationToken cancellationToken)
    {
        var versions = new List<int>();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var read = Command(connection, null, "SELECT version FROM schema_version ORDER BY version");
        await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            versions.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
        }

        return versions;
    }

    /// <summary>The newest schema version this code knows.</summary>
    public static int LatestVersion => AnalyticsMigrations.Steps[^1].Version;

    /// <inheritdoc/>
    public Task RecordTurnAsync(TurnRecord turn, CancellationToken cancellationToken) => RecordTurnsAsync([turn], cancellationToken);

    /// <inheritdoc/>
    public async Task RecordTurnsAsync(IReadOnlyList<TurnRecord> turns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turns);
        if (turns.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // Two commands for the whole batch, their values set per row: each statement is parsed once.
        string[] columns = ["id", "at", "c", "u", "channel", "audience", "confidence", "level", "layer", "scope", "composer", "fallback", "latency", "unanswered"];
        await using var insertTurn = Command(
            connection,
            transaction,
            """
            INSERT INTO turns (id, at_ms, conversation_key, user_key, channel, audience, confidence, safety_level, safety_layer, scope, composer, fallback, latency_ms, unanswered)
            VALUES (@id, @at, @c, @u, @channel, @audience, @confidence, @level, @layer, @scope, @composer, @fallback, @latency, @unanswered)
            """,
            [.. columns.Select(c => (c, (object?)null))]);
        await using var insertTopic = Command(connection, transaction, "INSERT INTO turn_topics (turn_id, topic, at_ms) VALUES (@id, @topic, @at)", ("id", null), ("topic", null), ("at", null));
        foreach (var turn in turns)
        {
            ArgumentNullException.ThrowIfNull(turn);
            var id = NewId();
            var at = Ms(turn.At);
            object?[] values =
            [
                id, at, turn.Conversation, turn.User, turn.Channel, turn.Audience, turn.Confidence, turn.SafetyLevel, turn.SafetyLayer,
                turn.Scope, turn.Composer, turn.Fallback, turn.LatencyMs, turn.Unanswered ? 1 : 0,
            ];
            for (var i = 0; i < values.Length; i++)
            {
                insertTurn.Parameters[i].Value = values[i] ?? DBNull.Value;
            }

            await insertTurn.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            foreach (var topic in turn.Topics.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.Ordinal))
            {
                insertTopic.Parameters[0].Value = id;
                insertTopic.Parameters[1].Value = topic;
                insertTopic.Parameters[2].Value = at;
                await insertTopic.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>The latest verdict on an answer (conversation and reply id) replaces an earlier one: changing a thumb counts once.</remarks>
    public async Task RecordFeedbackAsync(FeedbackRecord feedback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        var reason = string.IsNullOrWhiteSpace(feedback.Reason) ? null : Redactor.Redact(feedback.Reason.Trim());
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var insert = Command(
            connection,
            null,
            """
            INSERT INTO feedback (id, at_ms, conversation_key, user_key, channel, reply_id, helpful, reason)
            VALUES (@id, @at, @c, @u, @channel, @reply, @helpful, @reason)
            ON CONFLICT (conversation_key, reply_id) DO UPDATE
            SET at_ms = excluded.at_ms, user_key = excluded.user_key, helpful = excluded.helpful, reason = excluded.reason
            WHERE excluded.at_ms >= feedback.at_ms
            """,
            ("id", NewId()),
            ("at", Ms(feedback.At)),
            ("c", feedback.Conversation),
            ("u", feedback.User),
            ("channel", feedback.Channel),
            ("reply", feedback.ReplyId),
            ("helpful", feedback.Helpful ? 1 : 0),
            ("reason", reason));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task RecordUnansweredAsync(UnansweredRecord question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        var text = Redactor.Redact(question.RedactedText.Trim());
        if (text.Length == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var insert = Command(
            connection,
            null,
            """
            INSERT INTO unanswered (id, at_ms, conversation_key, user_key, channel, text, text_key, confidence)
            VALUES (@id, @at, @c, @u, @channel, @text, @key, @confidence)
            """,
            ("id", NewId()),
            ("at", Ms(question.At)),
            ("c", question.Conversation),
            ("u", question.User),
            ("channel", question.Channel),
            ("text", text),
            ("key", TextKey(text)),
            ("confidence", question.Confidence));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<AnalyticsReport> ReportAsync(int days, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, 3650);
        var since = ("since", (object?)Ms(time.GetUtcNow().AddDays(-days)));
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);

        long turns;
        await using (var count = Command(connection, null, "SELECT COUNT(*) FROM turns WHERE at_ms >= @since", since))
        {
            turns = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }

        var escalations = EscalationLevels.ToDictionary(l => l, _ => 0L, StringComparer.Ordinal);
        await ReadAsync(connection, "SELECT safety_level, COUNT(*) FROM turns WHERE at_ms >= @since AND safety_level <> 'none' GROUP BY safety_level", r =>
        {
            escalations[r.GetString(0)] = Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture);
        }, cancellationToken, since).ConfigureAwait(false);

        var unanswered = new List<UnansweredSummary>();
        await ReadAsync(connection, $"SELECT MAX(text), COUNT(*), MAX(at_ms) FROM unanswered WHERE at_ms >= @since GROUP BY text_key ORDER BY COUNT(*) DESC, MAX(at_ms) DESC LIMIT {MaxUnanswered}", r =>
        {
            unanswered.Add(new UnansweredSummary(r.GetString(0), Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture), Day(Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture))));
        }, cancellationToken, since).ConfigureAwait(false);

        var topics = new List<TopicCount>();
        await ReadAsync(connection, $"SELECT topic, COUNT(*) FROM turn_topics WHERE at_ms >= @since GROUP BY topic ORDER BY COUNT(*) DESC, topic LIMIT {MaxTopics}", r =>
        {
            topics.Add(new TopicCount(r.GetString(0), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture)));
        }, cancellationToken, since).ConfigureAwait(false);

        var perDay = new SortedDictionary<long, Dictionary<string, long>>();
        await ReadAsync(connection, "SELECT at_ms / 86400000, safety_level, COUNT(*) FROM turns WHERE at_ms >= @since AND safety_level <> 'none' GROUP BY at_ms / 86400000, safety_level", r =>
        {
            var day = Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture);
            if (!perDay.TryGetValue(day, out var levels))
            {
                perDay[day] = levels = EscalationLevels.ToDictionary(l => l, _ => 0L, StringComparer.Ordinal);
            }

            levels[r.GetString(1)] = Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture);
        }, cancellationToken, since).ConfigureAwait(false);

        long helpful = 0, notHelpful = 0;
        await ReadAsync(connection, "SELECT helpful, COUNT(*) FROM feedback WHERE at_ms >= @since GROUP BY helpful", r =>
        {
            var n = Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture);
            if (Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture) != 0)
            {
                helpful = n;
            }
            else
            {
                notHelpful = n;
            }
        }, cancellationToken, since).ConfigureAwait(false);

        var reasons = new List<string>();
        await ReadAsync(connection, $"SELECT reason FROM feedback WHERE at_ms >= @since AND helpful = 0 AND reason IS NOT NULL ORDER BY at_ms DESC LIMIT {MaxReasons}", r =>
        {
            reasons.Add(r.GetString(0));
        }, cancellationToken, since).ConfigureAwait(false);

        return new AnalyticsReport(
            days,
            turns,
            escalations,
            unanswered,
            helpful,
            notHelpful,
            topics,
            [.. perDay.Select(p => new DailyEscalations(Day(p.Key * DayMs), p.Value))],
            reasons);
    }

    /// <inheritdoc/>
    public async Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var cutoff = ("before", (object?)Ms(before));
        return await DeleteAsync(
            [
                "DELETE FROM turn_topics WHERE at_ms < @before",
                "DELETE FROM turns WHERE at_ms < @before",
                "DELETE FROM feedback WHERE at_ms < @before",
                "DELETE FROM unanswered WHERE at_ms < @before",
            ],
            [cutoff],
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<int> ForgetAsync(string conversation, string user, CancellationToken cancellationToken)
    {
        (string, object?)[] keys = [("c", conversation), ("u", user)];
        return await DeleteAsync(
            [
                "DELETE FROM turn_topics WHERE turn_id IN (SELECT id FROM turns WHERE conversation_key = @c OR user_key = @u)",
                "DELETE FROM turns WHERE conversation_key = @c OR user_key = @u",
                "DELETE FROM feedback WHERE conversation_key = @c OR user_key = @u",
                "DELETE FROM unanswered WHERE conversation_key = @c OR user_key = @u",
            ],
            keys,
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var select = Command(connection, null, "SELECT COUNT(*) FROM schema_version");
            return Convert.ToInt64(await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
        }
        catch (Exception ex) when (ex is DbException or TimeoutException or InvalidOperationException or IOException)
        {
            LogPingFailed(database.Name, ex.GetType().Name);
            return false;
        }
    }

    /// <summary>The grouping key of an unanswered question: case, spacing and end punctuation do not matter.</summary>
    internal static string TextKey(string text)
    {
        var key = new StringBuilder(text.Length);
        foreach (var word in text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            key.Append(key.Length == 0 ? string.Empty : " ").Append(word);
        }

        return key.ToString().TrimEnd('?', '!', '.', ' ');
    }

    private async Task<int> DeleteAsync(string[] statements, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var deleted = 0;
        foreach (var sql in statements)
        {
            await using var delete = Command(connection, transaction, sql, parameters);
            deleted += await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (deleted > 0)
        {
            await database.AfterDeleteAsync(connection, cancellationToken).ConfigureAwait(false);
        }

        return deleted;
    }

    private static async Task ReadAsync(DbConnection connection, string sql, Action<DbDataReader> row, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var command = Command(connection, null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            row(reader);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // Every statement is a constant of this class; values go through parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    private static DateOnly Day(long ms) => DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime);

    // Time-ordered ids: rows of one turn sort together, and no counter is shared between instances.
    private static string NewId() => Guid.CreateVersion7().ToString("N");

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Analytics schema on {Provider} migrated to version {Version}")]
    private partial void LogMigrated(string provider, int version);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Analytics store on {Provider} did not answer ({Error})")]
    private partial void LogPingFailed(string provider, string error);
}
