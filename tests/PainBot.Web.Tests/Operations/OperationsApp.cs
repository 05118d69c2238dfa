using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PainBot.Tests.Shared;

namespace PainBot.Web.Tests.Operations;

/// <summary>
/// The real host on the in-memory test server, with settings and extra services per test. A request's client
/// address comes from the <see cref="ClientHeader"/> header, as the network (or the forwarded-headers middleware
/// behind a proxy) would set it, so tests can speak as several clients.
/// </summary>
public sealed class OperationsApp(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null, string environment = "Development") : PainBotWebFactory
{
    public const string ClientHeader = "X-Test-Client-Address";

    /// <summary>A client whose requests come from <paramref name="address"/>.</summary>
    public HttpClient ClientFrom(string address, string baseAddress = "http://localhost/")
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress), AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(ClientHeader, address);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(environment);
        builder.UseSetting("Knowledge:WatchForChanges", "false");
        builder.UseSetting("Knowledge:Dense", "false");
        builder.UseSetting("Knowledge:EmbeddingCachePath", string.Empty);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(s =>
        {
            s.AddTransient<IStartupFilter, ClientAddressFilter>();
            services?.Invoke(s);
        });
    }

    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[ClientHeader].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
