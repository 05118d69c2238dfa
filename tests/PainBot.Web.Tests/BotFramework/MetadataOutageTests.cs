using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using PainBot.Web.Tests.BotFramework.Support;

namespace PainBot.Web.Tests.BotFramework;

/// <summary>
/// With an app id set and the channel's OpenID metadata unreachable, /api/messages fails closed and quietly:
/// 401 for tokens that could never be valid, 503 with Retry-After for the rest, never 500, one warning per outage.
/// </summary>
public sealed class MetadataOutageTests : IAsyncLifetime
{
    // Nothing listens on port 1 of loopback: the connection is refused at once, as with no network.
    private const string Unreachable = "http://127.0.0.1:1/";

    private TestIdentityProvider _identity = null!;

    public async Task InitializeAsync() => _identity = await TestIdentityProvider.StartAsync();

    public async Task DisposeAsync() => await _identity.DisposeAsync();

    private static BotApp App() =>
        new(new Dictionary<string, string?>
        {
            ["BotFramework:MicrosoftAppId"] = TestIdentityProvider.AppId,
            ["BotFramework:MicrosoftAppPassword"] = TestIdentityProvider.AppPassword,
            ["BotFramework:OpenIdMetadataUrl"] = Unreachable + "v1/.well-known/openidconfiguration",
            ["BotFramework:EmulatorOpenIdMetadataUrl"] = Unreachable + "common/v2.0/.well-known/openid-configuration",
            ["BotFramework:TokenEndpointUrl"] = Unreachable + "oauth2/v2.0/token",
        });

    [Theory]
    [InlineData("alg none")]
    [InlineData("HS256 with the app password")]
    public async Task Messages_MetadataUnreachable_ForgedToken401(string scenario)
    {
        await using var app = App();
        using var client = app.Start();
        const string ServiceUrl = "https://smba.trafficmanager.net/amer/";
        var token = scenario == "alg none"
            ? TestIdentityProvider.MintUnsigned(ServiceUrl)
            : _identity.Mint(ServiceUrl, signingCredentials: new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestIdentityProvider.AppPassword.PadRight(32, '!'))), SecurityAlgorithms.HmacSha256));

        using var response = await TestActivities.PostAsync(client, TestActivities.Message(ServiceUrl, "outage-forged", "hello"), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(app.Logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task Messages_MetadataUnreachable_503RetryAfterAndOneWarning()
    {
        await using var app = App();
        using var client = app.Start();
        const string ServiceUrl = "https://smba.trafficmanager.net/amer/";
        var logged = app.Logs.Entries.Count;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            // A real-looking RS256 token: only the keys could tell, and they cannot be had.
            var activity = TestActivities.Message(ServiceUrl, "outage-" + i, "hello");
            using var response = await TestActivities.PostAsync(client, activity, _identity.Mint(ServiceUrl));
            statuses.Add(response.StatusCode);
            Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After in whole seconds");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.ServiceUnavailable, s));
        var warnings = app.Logs.Entries.Skip(logged).Where(e => e.Level >= LogLevel.Warning).ToList();
        var warning = Assert.Single(warnings);
        Assert.Contains("OpenID metadata", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", warning.Message, StringComparison.Ordinal);
    }
}
