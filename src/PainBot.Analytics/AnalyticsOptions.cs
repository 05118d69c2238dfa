using System.ComponentModel.DataAnnotations;

namespace PainBot.Analytics;

/// <summary>The analytics store (shared/CONTRACTS.md section 4): which database, how long rows are kept.</summary>
public sealed class AnalyticsOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Analytics";

    /// <summary>The default SQLite file, relative to the folder that holds the knowledge folder (as <c>data/cache</c>).</summary>
    public const string DefaultSqliteFile = "data/analytics.db";

    /// <summary>
    /// <c>Sqlite</c> (default) or <c>PostgreSQL</c>, any case. A string rather than the enum, so a wrong value is
    /// reported by validation naming the key instead of failing inside the configuration binder.
    /// </summary>
    public string Provider { get; set; } = nameof(AnalyticsProvider.Sqlite);

    /// <summary><see cref="Provider"/> parsed; null when it names neither provider.</summary>
    public AnalyticsProvider? ParseProvider() =>
        Enum.TryParse<AnalyticsProvider>(Provider?.Trim(), ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !int.TryParse(Provider, out _) ? kind : null;

    /// <summary>
    /// An ADO.NET connection string: required for PostgreSQL (Npgsql syntax); for SQLite optional
    /// (<c>Data Source=…</c>, a relative file resolved like <see cref="DefaultSqliteFile"/>).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Days to keep turn records, feedback and unanswered questions; older rows are purged daily.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 90;

    /// <summary>Records waiting to be written; when the database falls behind further, new records are dropped (and counted).</summary>
    [Range(16, 1_000_000)]
    public int QueueCapacity { get; set; } = 10_000;
}
