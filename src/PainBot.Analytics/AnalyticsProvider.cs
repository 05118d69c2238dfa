namespace PainBot.Analytics;

/// <summary>Where the analytics rows are kept (<c>Analytics:Provider</c>).</summary>
public enum AnalyticsProvider
{
    /// <summary>A SQLite file (the default: <c>data/analytics.db</c> beside the knowledge folder).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database shared by every instance (<c>Analytics:ConnectionString</c> required).</summary>
    PostgreSQL,
}
