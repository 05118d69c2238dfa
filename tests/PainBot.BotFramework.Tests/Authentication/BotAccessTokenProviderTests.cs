using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PainBot.BotFramework.Authentication;

namespace PainBot.BotFramework.Tests.Authentication;

/// <summary>The outbound token cache, against a token endpoint on loopback.</summary>
public sealed class BotAccessTokenProviderTests : IAsyncLifetime
{
    private readonly ServiceProvider _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
    private readonly ManualTime _time = new(new DateTimeOffset(2025, 1, 1, 10, 0, 0, TimeSpan.Zero));
    private WebApplication _server = null!;
    private Uri _tokenEndpoint = null!;
    private int _issued;

    private IHttpClientFactory HttpClients => _services.GetRequiredService<IHttpClientFactory>();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.MapPost("/tenant/oauth2/v2.0/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (form["client_secret"] != "s3cret")
            {
                return Results.Json(new { error = "invalid_client" }, statusCode: 401);
            }

            var n = Interlocked.Increment(ref _issued);
            return Results.Json(new Dictionary<string, object> { ["token_type"] = "Bearer", ["expires_in"] = 3600, ["access_token"] = $"t{n}" });
        });
        await _server.StartAsync();
        var address = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _tokenEndpoint = new Uri(address.TrimEnd('/') + "/tenant/oauth2/v2.0/token");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task GetToken_CachedUntilNearExpiry()
    {
        using var provider = Provider("s3cret");

        Assert.Equal("t1", await provider.GetTokenAsync(false, CancellationToken.None));
        _time.Advance(TimeSpan.FromMinutes(54));
        Assert.Equal("t1", await provider.GetTokenAsync(false, CancellationToken.None));
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("t2", await provider.GetTokenAsync(false, CancellationToken.None));
        Assert.Equal(2, _issued);
    }

    [Fact]
    public async Task GetToken_ForceRefresh_NewToken()
    {
        using var provider = Provider("s3cret");

        Assert.Equal("t1", await provider.GetTokenAsync(false, CancellationToken.None));
        Assert.Equal("t2", await provider.GetTokenAsync(true, CancellationToken.None));
    }

    [Fact]
    public async Task GetToken_ConcurrentCallers_OneRequest()
    {
        using var provider = Provider("s3cret");

        var tokens = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => provider.GetTokenAsync(false, CancellationToken.None)));

        Assert.All(tokens, t => Assert.Equal("t1", t));
        Assert.Equal(1, _issued);
    }

    [Fact]
    public async Task GetToken_WrongSecret_Throws()
    {
        using var provider = Provider("wrong");

        await Assert.ThrowsAsync<BotAuthenticationException>(() => provider.GetTokenAsync(false, CancellationToken.None));
    }

    [Fact]
    public async Task GetToken_NoAppId_NoTokenNoRequest()
    {
        using var provider = new BotAccessTokenProvider(new BotCredentials(null, null, _tokenEndpoint), HttpClients, "t", _time, NullLogger<BotAccessTokenProvider>.Instance);

        Assert.Null(await provider.GetTokenAsync(false, CancellationToken.None));
        Assert.Equal(0, _issued);
    }

    [Fact]
    public void DefaultTokenEndpoint_TenantOrBotframework()
    {
        Assert.Equal("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token", BotCredentials.DefaultTokenEndpoint(null).AbsoluteUri);
        Assert.Equal("https://login.microsoftonline.com/72f988bf/oauth2/v2.0/token", BotCredentials.DefaultTokenEndpoint("72f988bf").AbsoluteUri);
        Assert.DoesNotContain("s3cret", new BotCredentials("app", "s3cret", _tokenEndpoint ?? new Uri("https://x")).ToString(), StringComparison.Ordinal);
    }

    private BotAccessTokenProvider Provider(string secret) =>
        new(new BotCredentials("app-id", secret, _tokenEndpoint), HttpClients, "token", _time, NullLogger<BotAccessTokenProvider>.Instance);

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
