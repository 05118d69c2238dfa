namespace PainBot.Analytics.Storage;

/// <summary>
/// The schema, as numbered steps in one SQL dialect both providers read (TEXT, BIGINT, DOUBLE PRECISION, INTEGER;
/// times as UTC milliseconds since 1970, so a day is <c>at_ms / 86400000</c> on both). Step N runs once, in
/// order, recorded in <c>schema_version</c>; a released step is never edited, a change is a new step.
/// No table holds what a person wrote except <c>unanswered.text</c> and <c>feedback.reason</c>, both redacted.
/// </summary>
internal static class AnalyticsMigrations
{
    public const string VersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version INTEGER NOT NULL PRIMARY KEY,
            applied_at_ms BIGINT NOT NULL
        )
        """;

    public static IReadOnlyList<(int Version, string Sql)> Steps { get; } =
    [
        (1, """
            CREATE TABLE turns (
                id TEXT NOT NULL PRIMARY KEY,
                at_ms BIGINT NOT NULL,
                conversation_key TEXT NOT NULL,
                user_key TEXT NOT NULL,
                channel TEXT NOT NULL,
                audience TEXT NOT NULL,
                confidence DOUBLE PRECISION NOT NULL,
                safety_level TEXT NOT NULL,
                safety_layer TEXT NULL,
                scope TEXT NOT NULL,
                composer TEXT NOT NULL,
                fallback TEXT NULL,
                latency_ms DOUBLE PRECISION NOT NULL,
                unanswered INTEGER NOT NULL
            );
            CREATE INDEX ix_turns_at ON turns (at_ms);
            CREATE INDEX ix_turns_conversation ON turns (conversation_key);
            CREATE INDEX ix_turns_user ON turns (user_key);
            CREATE TABLE turn_topics (
                turn_id TEXT NOT NULL,
                topic TEXT NOT NULL,
                at_ms BIGINT NOT NULL,
                PRIMARY KEY (turn_id, topic)
            );
            CREATE INDEX ix_turn_topics_at ON turn_topics (at_ms);
            CREATE TABLE feedback (
                id TEXT NOT NULL PRIMARY KEY,
                at_ms BIGINT NOT NULL,
                conversation_key TEXT NOT NULL,
                user_key TEXT NOT NULL,
                channel TEXT NOT NULL,
                reply_id TEXT NULL,
                helpful INTEGER NOT NULL,
                reason TEXT NULL
            );
            CREATE INDEX ix_feedback_at ON feedback (at_ms);
            CREATE INDEX ix_feedback_conversation ON feedback (conversation_key);
            CREATE INDEX ix_feedback_user ON feedback (user_key);
            CREATE TABLE unanswered (
                id TEXT NOT NULL PRIMARY KEY,
                at_ms BIGINT NOT NULL,
                conversation_key TEXT NOT NULL,
                user_key TEXT NOT NULL,
                channel TEXT NOT NULL,
                text TEXT NOT NULL,
                text_key TEXT NOT NULL,
                confidence DOUBLE PRECISION NOT NULL
            );
            CREATE INDEX ix_unanswered_at ON unanswered (at_ms);
            CREATE INDEX ix_unanswered_conversation ON unanswered (conversation_key);
            CREATE INDEX ix_unanswered_user ON unanswered (user_key)
            """),

        // One verdict per answer: a changed thumb replaces the earlier one (an upsert on this index). Rows recorded
        // before it keep only the latest verdict per (conversation, reply); rows without a reply id stay as they are
        // (NULLs never collide in a unique index, on either provider).
        (2, """
            DELETE FROM feedback
            WHERE reply_id IS NOT NULL AND EXISTS (
                SELECT 1 FROM feedback AS later
                WHERE later.conversation_key = feedback.conversation_key AND later.reply_id = feedback.reply_id
                  AND (later.at_ms > feedback.at_ms OR (later.at_ms = feedback.at_ms AND later.id > feedback.id)));
            CREATE UNIQUE INDEX ux_feedback_reply ON feedback (conversation_key, reply_id)
            """),
    ];

    /// <summary>The tables of the latest schema (for tests and the privacy scan).</summary>
    public static IReadOnlyList<string> Tables { get; } = ["schema_version", "turns", "turn_topics", "feedback", "unanswered"];
}
