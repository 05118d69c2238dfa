using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PainBot.Core.Analytics;
using PainBot.Tests.Shared;
using PainBot.Web.Tests.BotFramework.Support;

namespace PainBot.Web.Tests.Staff;

/// <summary>
/// The host with a staff key and a <see cref="FakeAnalyticsStore"/>: in memory (requests can be https, so the
/// cookie's Secure flag can be seen), or on real Kestrel on loopback for <c>/api/messages</c>, which accepts only
/// loopback traffic without an app id.
/// </summary>
public sealed class StaffApp : PainBotWebFactory
{
    public const string Key = "staff-key-for-tests-0123456789";

    private readonly IReadOnlyDictionary<string, string?> _settings;

    private readonly bool _realStore;

    /// <param name="settings">Settings (default: the staff key).</param>
    /// <param name="kestrel">Real Kestrel on loopback instead of the in-memory server.</param>
    /// <param name="realStore">Keep the configured analytics store (give it a throw-away database) instead of <see cref="Store"/>.</param>
    public StaffApp(IReadOnlyDictionary<string, string?>? settings = null, bool kestrel = false, bool realStore = false)
    {
        _settings = settings ?? new Dictionary<string, string?> { ["Staff:ApiKey"] = Key };
        _realStore = realStore;
        if (kestrel)
        {
            UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        }
    }

    public FakeAnalyticsStore Store { get; } = new();

    /// <summary>Starts the Kestrel host and returns a client for its real address.</summary>
    public HttpClient StartKestrel() => StartOnRealAddress();

    /// <summary>An in-memory client that neither follows redirects nor keeps cookies, so tests see both.</summary>
    public HttpClient Browser(bool https = true) => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = false,
        BaseAddress = new Uri(https ? "https://localhost/" : "http://localhost/"),
    });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Knowledge:Path", RepoPaths.Knowledge);
        builder.UseSetting("Knowledge:WatchForChanges", "false");
        builder.UseSetting("Knowledge:Dense", "false");
        builder.UseSetting("Knowledge:EmbeddingCachePath", string.Empty);

        // Settings given by the test win (the feedback tests need real answers: dense retrieval on).
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_realStore)
        {
            return;
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IAnalyticsStore>();
            services.AddSingleton<IAnalyticsStore>(Store);
        });
    }
}
