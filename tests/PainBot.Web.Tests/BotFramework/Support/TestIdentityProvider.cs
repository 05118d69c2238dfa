using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PainBot.Web.Tests.BotFramework.Support;

/// <summary>
/// Stands in for login.botframework.com and login.microsoftonline.com on loopback: OpenID metadata and JWKS
/// (with endorsements) for the Bot Connector and the Emulator, and a client-credentials token endpoint that
/// hands out bot-token-1, bot-token-2, … Tokens are signed with test RSA keys.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string AppId = "00000000-1111-2222-3333-444444444444";
    public const string AppPassword = "test-secret";
    public const string ChannelIssuer = "https://api.botframework.com";
    public const string EmulatorIssuer = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";

    /// <summary>Channels endorsed for the main key.</summary>
    public static readonly string[] EndorsedChannels = ["msteams", "webchat", "directline", "emulator"];

    private readonly Dictionary<string, RsaSecurityKey> _keys = new(StringComparer.Ordinal);
    private int _tokensIssued;

    private TestIdentityProvider()
    {
        foreach (var kid in new[] { "endorsed", "slack-only", "no-endorsements", "unpublished", "emulator" })
        {
            _keys[kid] = new RsaSecurityKey(RSA.Create(2048)) { KeyId = kid };
        }
    }

    public LoopbackServer Server { get; private set; } = null!;

    public string OpenIdMetadataUrl => new Uri(Server.BaseAddress, "v1/.well-known/openidconfiguration").ToString();

    public string EmulatorOpenIdMetadataUrl => new Uri(Server.BaseAddress, "emulator/v2.0/.well-known/openid-configuration").ToString();

    public string TokenEndpointUrl => new Uri(Server.BaseAddress, "botframework.com/oauth2/v2.0/token").ToString();

    /// <summary>How many outbound tokens were issued.</summary>
    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var idp = new TestIdentityProvider();
        idp.Server = await LoopbackServer.StartAsync(idp.HandleAsync);
        return idp;
    }

    /// <summary>A token signed with key <paramref name="kid"/>; every part can be changed to make it wrong.</summary>
    public string Mint(
        string serviceUrl,
        string kid = "endorsed",
        string issuer = ChannelIssuer,
        string audience = AppId,
        DateTime? notBefore = null,
        DateTime? expires = null,
        IDictionary<string, object>? claims = null,
        SigningCredentials? signingCredentials = null)
    {
        var now = DateTime.UtcNow;
        var allClaims = new Dictionary<string, object>(StringComparer.Ordinal) { ["serviceurl"] = serviceUrl };
        foreach (var (k, v) in claims ?? new Dictionary<string, object>())
        {
            allClaims[k] = v;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            NotBefore = notBefore ?? now.AddMinutes(-5),
            IssuedAt = notBefore ?? now.AddMinutes(-5),
            Expires = expires ?? now.AddHours(1),
            Claims = allClaims,
            SigningCredentials = signingCredentials ?? new SigningCredentials(_keys[kid], SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>An unsigned token (<c>alg: none</c>) with otherwise valid claims.</summary>
    public static string MintUnsigned(string serviceUrl)
    {
        var now = DateTimeOffset.UtcNow;
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var payload = Base64UrlEncoder.Encode(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["iss"] = ChannelIssuer,
            ["aud"] = AppId,
            ["serviceurl"] = serviceUrl,
            ["nbf"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        }));
        return $"{header}.{payload}.";
    }

    /// <summary>HS256 credentials with a secret anybody could guess.</summary>
    public static SigningCredentials Hs256() =>
        new(new SymmetricSecurityKey(Encoding.UTF8.GetBytes("a-shared-secret-that-is-long-enough-for-hs256")) { KeyId = "endorsed" }, SecurityAlgorithms.HmacSha256);

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private async Task HandleAsync(HttpContext context, RecordedRequest request)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        var root = Server.BaseAddress.ToString();
        object? body = path switch
        {
            "/v1/.well-known/openidconfiguration" => new Dictionary<string, object>
            {
                ["issuer"] = ChannelIssuer,
                ["authorization_endpoint"] = "https://invalid.example/v1/.well-known/botframeworkoauth",
                ["jwks_uri"] = root + "v1/keys",
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
            },
            "/v1/keys" => new { keys = new[] { Jwk("endorsed", EndorsedChannels), Jwk("slack-only", ["slack"]), Jwk("no-endorsements", null) } },
            "/emulator/v2.0/.well-known/openid-configuration" => new Dictionary<string, object>
            {
                ["issuer"] = "https://login.microsoftonline.com/{tenantid}/v2.0",
                ["jwks_uri"] = root + "emulator/keys",
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            },
            "/emulator/keys" => new { keys = new[] { Jwk("emulator", null) } },
            _ => null,
        };

        if (path == "/botframework.com/oauth2/v2.0/token" && request.Method == "POST")
        {
            var n = Interlocked.Increment(ref _tokensIssued);
            body = new Dictionary<string, object> { ["token_type"] = "Bearer", ["expires_in"] = 3600, ["ext_expires_in"] = 3600, ["access_token"] = $"bot-token-{n}" };
        }

        if (body is null)
        {
            context.Response.StatusCode = 404;
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    private Dictionary<string, object> Jwk(string kid, string[]? endorsements)
    {
        var parameters = _keys[kid].Rsa.ExportParameters(false);
        var jwk = new Dictionary<string, object>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = kid,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (endorsements is not null)
        {
            jwk["endorsements"] = endorsements;
        }

        return jwk;
    }
}
