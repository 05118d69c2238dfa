using System.Net;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PainBot.Tests.Shared;
using PainBot.Web.BotFramework;

namespace PainBot.Web.Tests.BotFramework.Support;

/// <summary>The PainBot host on real Kestrel (127.0.0.1, free port), configured per test fixture.</summary>
public sealed class BotApp : PainBotWebFactory
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public BotApp(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        _settings = settings;
        _services = services;
        UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>Log lines captured from the host.</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>Starts the host and returns a client for its real address.</summary>
    public HttpClient Start() => StartOnRealAddress();

    /// <summary>Waits until every turn the host acknowledged has been run and its replies sent (or a minute has passed).</summary>
    public async Task TurnsFinishedAsync()
    {
        var turns = Services.GetRequiredService<BackgroundTurns>();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (turns.Pending > 0 && !limit.IsCancellationRequested)
        {
            await Task.Delay(10);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Knowledge:Path", RepoPaths.Knowledge);
        builder.UseSetting("Knowledge:WatchForChanges", "false");
        builder.UseSetting("Knowledge:Dense", "false");
        builder.UseSetting("Knowledge:EmbeddingCachePath", string.Empty);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(l => l.AddProvider(Logs));
        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }

        // Each host keeps a key ring of its own on disk, as on its own machine (by default every host in this process
        // would share the user's ~/.aspnet folder): only a ring the host shares on purpose (State:Provider Redis) is shared.
        builder.ConfigureTestServices(services => services.Configure<KeyManagementOptions>(o =>
        {
            if (o.XmlRepository is null or FileSystemXmlRepository)
            {
                o.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(AnalyticsFolder, "keys")), NullLoggerFactory.Instance);
            }
        }));
    }
}
