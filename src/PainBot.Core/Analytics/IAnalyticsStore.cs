namespace PainBot.Core.Analytics;

/// <summary>
/// Where turns, feedback and unanswered questions are kept for the staff report. SQLite by default, PostgreSQL by
/// configuration (<c>Analytics:Provider</c>). Holds no message text except redacted unanswered questions and
/// redacted feedback reasons.
/// </summary>
public interface IAnalyticsStore
{
    /// <summary>Creates or upgrades the schema (idempotent).</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    Task RecordTurnAsync(TurnRecord turn, CancellationToken cancellationToken);

    /// <summary>Records several turns, in one transaction where the store can; by default one by one.</summary>
    async Task RecordTurnsAsync(IReadOnlyList<TurnRecord> turns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turns);
        foreach (var turn in turns)
        {
            await RecordTurnAsync(turn, cancellationToken).ConfigureAwait(false);
        }
    }

    Task RecordFeedbackAsync(FeedbackRecord feedback, CancellationToken cancellationToken);

    Task RecordUnansweredAsync(UnansweredRecord question, CancellationToken cancellationToken);

    /// <summary>The report for the last <paramref name="days"/> days.</summary>
    Task<AnalyticsReport> ReportAsync(int days, CancellationToken cancellationToken);

    /// <summary>Deletes turn records, feedback and unanswered questions older than <paramref name="before"/>; returns rows deleted.</summary>
    Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>"Forget me": deletes every row of the conversation or the user (pseudonymous keys); returns rows deleted.</summary>
    Task<int> ForgetAsync(string conversation, string user, CancellationToken cancellationToken);

    /// <summary>True when the store answers (for /readyz).</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken);
}
