using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PainBot.Analytics.Hosting;
using PainBot.Analytics.Recording;
using PainBot.Analytics.Storage;
using PainBot.Core.Analytics;
using PainBot.Core.Conversation;
using PainBot.Core.Dialog;

namespace PainBot.Analytics;

/// <summary>Registration of the analytics store and of turn recording.</summary>
public static class AnalyticsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the analytics store chosen by section "Analytics" (validated at start). <paramref name="dataRoot"/>
    /// gives the folder a relative SQLite file is placed under (the hosts use the folder holding the knowledge
    /// folder, as for <c>data/cache</c>). Nothing is migrated here: <see cref="AddPainBotAnalyticsRecording"/>
    /// does it at start, the CLI's report before reading.
    /// </summary>
    public static IServiceCollection AddPainBotAnalytics(this IServiceCollection services, Func<IServiceProvider, string> dataRoot)
    {
        ArgumentNullException.ThrowIfNull(dataRoot);
        services.AddOptions<AnalyticsOptions>().BindConfiguration(AnalyticsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AnalyticsOptions>, AnalyticsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => CreateDatabase(sp.GetRequiredService<IOptions<AnalyticsOptions>>().Value, dataRoot(sp)));
        services.TryAddSingleton<SqlAnalyticsStore>();
        services.TryAddSingleton<IAnalyticsStore>(sp => sp.GetRequiredService<SqlAnalyticsStore>());
        return services;
    }

    /// <summary>
    /// Records every turn (and unanswered question, and "forget me") through a bounded background queue, migrates
    /// the schema at start, purges daily, and adds the "analytics" health check (tag "ready").
    /// </summary>
    public static IServiceCollection AddPainBotAnalyticsRecording(this IServiceCollection services)
    {
        services.TryAddSingleton<AnalyticsRecorder>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITurnObserver, AnalyticsTurnObserver>());
        services.RemoveAll<IUnansweredQuestionLog>();
        services.AddSingleton<IUnansweredQuestionLog, AnalyticsUnansweredQuestionLog>();
        services.TryAddSingleton<AnalyticsMaintenance>();
        services.TryAddSingleton<AnalyticsWriter>();

        // Migration first (its StartAsync), then the writer; stopped in reverse, so the writer drains first.
        services.AddHostedService(sp => sp.GetRequiredService<AnalyticsMaintenance>());
        services.AddHostedService(sp => sp.GetRequiredService<AnalyticsWriter>());
        services.AddHealthChecks().AddCheck<AnalyticsHealthCheck>("analytics", tags: ["ready"]);
        return services;
    }

    /// <summary>The database the options name; a relative SQLite file resolves against <paramref name="dataRoot"/>.</summary>
    public static AnalyticsDatabase CreateDatabase(AnalyticsOptions options, string dataRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ParseProvider() == AnalyticsProvider.PostgreSQL)
        {
            return new PostgresAnalyticsDatabase(options.ConnectionString!);
        }

        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(options.ConnectionString) ? "Data Source=" + AnalyticsOptions.DefaultSqliteFile : options.ConnectionString);
        if (!Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.Combine(dataRoot, builder.DataSource);
        }

        return new SqliteAnalyticsDatabase(builder.ToString());
    }
}
