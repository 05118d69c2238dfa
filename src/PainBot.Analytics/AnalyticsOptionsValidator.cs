using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace PainBot.Analytics;

/// <summary>Checks what data annotations cannot: the connection string the provider needs, and that it parses.</summary>
internal sealed class AnalyticsOptionsValidator : IValidateOptions<AnalyticsOptions>
{
    public ValidateOptionsResult Validate(string? name, AnalyticsOptions options)
    {
        if (options.ParseProvider() is not { } provider)
        {
            return ValidateOptionsResult.Fail($"Analytics:Provider must be Sqlite or PostgreSQL, not '{options.Provider}'.");
        }

        if (provider == AnalyticsProvider.PostgreSQL && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail("Analytics:ConnectionString is required when Analytics:Provider is PostgreSQL (for example Host=db;Database=painbot;Username=painbot;Password=…).");
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Success;
        }

        try
        {
            if (provider == AnalyticsProvider.PostgreSQL)
            {
                var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
                if (string.IsNullOrWhiteSpace(builder.Host))
                {
                    return ValidateOptionsResult.Fail("Analytics:ConnectionString names no Host for PostgreSQL.");
                }
            }
            else
            {
                var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
                if (string.IsNullOrWhiteSpace(builder.DataSource))
                {
                    return ValidateOptionsResult.Fail("Analytics:ConnectionString names no Data Source (a file) for SQLite.");
                }
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            // The message of the parser names the bad keyword; the string itself may hold a password.
            return ValidateOptionsResult.Fail($"Analytics:ConnectionString is not a valid {provider} connection string: {ex.Message}");
        }

        return ValidateOptionsResult.Success;
    }
}
