using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace PainBot.Tests.Shared;

/// <summary>
/// The web host for tests with a throw-away analytics database: a SQLite file in a fresh temporary folder, removed
/// when the factory is disposed, so no test writes into the repository's <c>data/analytics.db</c>. A test that
/// gives <c>Analytics:*</c> settings itself (after <c>base.ConfigureWebHost</c>) wins.
/// </summary>
public abstract class PainBotWebFactory : WebApplicationFactory<Program>
{
    /// <summary>The temporary folder holding this host's analytics database.</summary>
    public string AnalyticsFolder { get; } = Path.Combine(Path.GetTempPath(), "painbot-test-analytics-" + Guid.NewGuid().ToString("N"));

    /// <summary>The throw-away database's connection string.</summary>
    public string AnalyticsConnectionString => "Data Source=" + Path.Combine(AnalyticsFolder, "analytics.db");

    /// <summary>Starts the host (on Kestrel when the factory called <c>UseKestrel</c>) and returns a client for its real address.</summary>
    protected HttpClient StartOnRealAddress()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/") };
    }

    /// <inheritdoc/>
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Analytics:Provider", "Sqlite");
        builder.UseSetting("Analytics:ConnectionString", AnalyticsConnectionString);
    }

    /// <inheritdoc/>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(AnalyticsFolder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Never started, or the host wrote nothing.
        }

        GC.SuppressFinalize(this);
    }
}
