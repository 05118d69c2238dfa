using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace PainBot.BotFramework.Authentication;

/// <summary>
/// Validates the bearer token on a request to the bot's messaging endpoint, as botbuilder's JwtTokenValidation
/// does: Bot Connector tokens (issuer api.botframework.com, endorsed signing key, serviceurl claim) and Emulator
/// tokens (Azure AD issuers, appid/azp). Signing keys come from OpenID metadata, cached and refreshed by
/// <see cref="ConfigurationManager{T}"/>, and refreshed at once when a token names an unknown key. It fails closed:
/// a token signed with an algorithm other than RS256/384/512 (alg none, HS256) is refused before any key is looked
/// up, and while the metadata cannot be read a request is refused as unavailable (never an exception), the
/// fetch backing off and the outage logged once (<see cref="OpenIdMetadataSource"/>).
/// </summary>
public sealed partial class BotTokenValidator
{
    private readonly BotAuthenticationSettings _settings;
    private readonly OpenIdMetadataSource _channelMetadata;
    private readonly OpenIdMetadataSource _emulatorMetadata;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly ILogger<BotTokenValidator> _logger;

    /// <param name="settings">App id and metadata URLs.</param>
    /// <param name="metadataClient">The HTTP client used to read the metadata and keys (kept for the validator's lifetime).</param>
    /// <param name="logger">Logger.</param>
    public BotTokenValidator(BotAuthenticationSettings settings, HttpClient metadataClient, ILogger<BotTokenValidator> logger)
        : this(settings, metadataClient, TimeProvider.System, logger)
    {
    }

    /// <param name="settings">App id and metadata URLs.</param>
    /// <param name="metadataClient">The HTTP client used to read the metadata and keys (kept for the validator's lifetime).</param>
    /// <param name="timeProvider">Clock of the metadata's backoff.</param>
    /// <param name="logger">Logger.</param>
    public BotTokenValidator(BotAuthenticationSettings settings, HttpClient metadataClient, TimeProvider timeProvider, ILogger<BotTokenValidator> logger)
    {
        _settings = settings;
        _logger = logger;
        _channelMetadata = new OpenIdMetadataSource(settings.OpenIdMetadataUrl, metadataClient, timeProvider, logger);
        _emulatorMetadata = new OpenIdMetadataSource(settings.EmulatorOpenIdMetadataUrl, metadataClient, timeProvider, logger);
    }

    /// <summary>Checks the Authorization header of a request carrying an activity for <paramref name="channelId"/> from <paramref name="serviceUrl"/>.</summary>
    public async Task<BotAuthenticationResult> AuthenticateAsync(string? authorizationHeader, string? channelId, string? serviceUrl, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(authorizationHeader))
        {
            return _settings.IsAuthenticationDisabled
                ? BotAuthenticationResult.Anonymous()
                : BotAuthenticationResult.Fail("no Authorization header");
        }

        if (_settings.IsAuthenticationDisabled)
        {
            // As in botbuilder: a token sent to a bot without an app id cannot name it as audience.
            return BotAuthenticationResult.Fail("a token was sent but no app id is configured");
        }

        const string Scheme = "Bearer ";
        if (!authorizationHeader.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return BotAuthenticationResult.Fail("the Authorization scheme is not Bearer");
        }

        var token = authorizationHeader[Scheme.Length..].Trim();
        if (!_handler.CanReadToken(token))
        {
            return BotAuthenticationResult.Fail("the bearer token is not a JWT");
        }

        JsonWebToken unvalidated;
        try
        {
            unvalidated = _handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return BotAuthenticationResult.Fail("the bearer token is not a JWT");
        }

        // Only asymmetric signatures can come from the channel; anything else is refused without fetching keys.
        if (!AuthenticationConstants.AllowedSigningAlgorithms.Contains(unvalidated.Alg, StringComparer.Ordinal))
        {
            return BotAuthenticationResult.Fail(string.IsNullOrEmpty(unvalidated.Alg) || string.Equals(unvalidated.Alg, "none", StringComparison.OrdinalIgnoreCase)
                ? "the token is invalid: it is not signed"
                : "the token's signing algorithm is not allowed");
        }

        var issuer = unvalidated.Issuer;
        if (string.Equals(issuer, AuthenticationConstants.ToBotFromChannelTokenIssuer, StringComparison.Ordinal))
        {
            return await ValidateChannelTokenAsync(token, channelId, serviceUrl, cancellationToken).ConfigureAwait(false);
        }

        var emulatorIssuers = EmulatorIssuersFor(unvalidated);
        if (emulatorIssuers.Contains(issuer, StringComparer.Ordinal))
        {
            return await ValidateEmulatorTokenAsync(token, emulatorIssuers, cancellationToken).ConfigureAwait(false);
        }

        return BotAuthenticationResult.Fail("the token's issuer is not trusted");
    }

    private async Task<BotAuthenticationResult> ValidateChannelTokenAsync(string token, string? channelId, string? serviceUrl, CancellationToken cancellationToken)
    {
        var (result, configuration, unavailable) = await ValidateAsync(_channelMetadata, token, [AuthenticationConstants.ToBotFromChannelTokenIssuer], cancellationToken).ConfigureAwait(false);
        if (unavailable is not null)
        {
            return unavailable;
        }

        if (!result!.IsValid)
        {
            return BotAuthenticationResult.Fail(Describe(result.Exception));
        }

        // The connector vouches for channels through key endorsements; a key without them vouches for none.
        var keyId = (result.SecurityToken as JsonWebToken)?.SigningKey?.KeyId ?? (result.SecurityToken as JsonWebToken)?.Kid;
        var endorsements = Endorsements(configuration!, keyId);
        if (endorsements is null)
        {
            return BotAuthenticationResult.Fail("the signing key has no endorsements");
        }

        if (!string.IsNullOrEmpty(channelId) && !endorsements.Contains(channelId, StringComparer.Ordinal))
        {
            return BotAuthenticationResult.Fail("the signing key is not endorsed for the activity's channel");
        }

        var claimed = result.ClaimsIdentity.FindFirst(AuthenticationConstants.ServiceUrlClaim)?.Value;
        if (string.IsNullOrEmpty(claimed))
        {
            return BotAuthenticationResult.Fail("the token has no serviceurl claim");
        }

        if (!string.Equals(claimed, serviceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return BotAuthenticationResult.Fail("the serviceurl claim does not match the activity's serviceUrl");
        }

        return BotAuthenticationResult.Success(result.ClaimsIdentity);
    }

    private async Task<BotAuthenticationResult> ValidateEmulatorTokenAsync(string token, IReadOnlyList<string> issuers, CancellationToken cancellationToken)
    {
        var (result, _, unavailable) = await ValidateAsync(_emulatorMetadata, token, issuers, cancellationToken).ConfigureAwait(false);
        if (unavailable is not null)
        {
            return unavailable;
        }

        if (!result!.IsValid)
        {
            return BotAuthenticationResult.Fail(Describe(result.Exception));
        }

        var identity = result.ClaimsIdentity;
        var version = identity.FindFirst("ver")?.Value;
        if (version is null)
        {
            return BotAuthenticationResult.Fail("the Emulator token has no ver claim");
        }

        var appIdClaim = version switch
        {
            "1.0" or "" => "appid",
            "2.0" => "azp",
            _ => null,
        };
        if (appIdClaim is null)
        {
            return BotAuthenticationResult.Fail("the Emulator token has an unknown version");
        }

        return string.Equals(identity.FindFirst(appIdClaim)?.Value, _settings.AppId, StringComparison.Ordinal)
            ? BotAuthenticationResult.Success(identity)
            : BotAuthenticationResult.Fail("the Emulator token was issued to another app");
    }

    private async Task<(TokenValidationResult? Result, OpenIdConnectConfiguration? Configuration, BotAuthenticationResult? Unavailable)> ValidateAsync(
        OpenIdMetadataSource metadata, string token, IReadOnlyList<string> issuers, CancellationToken cancellationToken)
    {
        var (configuration, retryAfter) = await metadata.GetAsync(cancellationToken).ConfigureAwait(false);
        if (configuration is null)
        {
            return (null, null, BotAuthenticationResult.Unavailable("the OpenID metadata cannot be read", retryAfter));
        }

        var result = await _handler.ValidateTokenAsync(token, Parameters(configuration, issuers)).ConfigureAwait(false);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // Keys roll over: an unknown kid means the cached metadata may be stale. Refresh once and retry.
            LogSigningKeyRefresh(_logger);
            metadata.RequestRefresh();
            var (refreshed, _) = await metadata.GetAsync(cancellationToken).ConfigureAwait(false);
            if (refreshed is not null)
            {
                configuration = refreshed;
                result = await _handler.ValidateTokenAsync(token, Parameters(configuration, issuers)).ConfigureAwait(false);
            }
        }

        return (result, configuration, null);
    }

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration configuration, IReadOnlyList<string> issuers) => new()
    {
        ValidateIssuer = true,
        ValidIssuers = issuers,
        ValidateAudience = true,
        ValidAudience = _settings.AppId,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = AuthenticationConstants.ClockSkew,
        RequireSignedTokens = true,
        ValidAlgorithms = AuthenticationConstants.AllowedSigningAlgorithms,
        IssuerSigningKeys = configuration.SigningKeys,
        TryAllIssuerSigningKeys = false,
    };

    private static List<string> EmulatorIssuersFor(JsonWebToken token)
    {
        var issuers = new List<string>(AuthenticationConstants.EmulatorIssuers);
        if (token.TryGetPayloadValue<string>("tid", out var tenant) && !string.IsNullOrWhiteSpace(tenant))
        {
            issuers.Add($"https://sts.windows.net/{tenant}/");
            issuers.Add($"https://login.microsoftonline.com/{tenant}/v2.0");
        }

        return issuers;
    }

    private static List<string>? Endorsements(OpenIdConnectConfiguration configuration, string? keyId)
    {
        if (keyId is null || configuration.JsonWebKeySet is null)
        {
            return null;
        }

        var key = configuration.JsonWebKeySet.Keys.FirstOrDefault(k => string.Equals(k.Kid, keyId, StringComparison.Ordinal));
        if (key is null || !key.AdditionalData.TryGetValue("endorsements", out var raw))
        {
            return null;
        }

        return raw switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array =>
                [.. array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)],
            IEnumerable<object> items => [.. items.Select(i => i?.ToString() ?? string.Empty)],
            _ => null,
        };
    }

    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "the token has expired",
        SecurityTokenNotYetValidException => "the token is not yet valid",
        SecurityTokenInvalidAudienceException => "the token's audience is not this bot",
        SecurityTokenInvalidIssuerException => "the token's issuer is not trusted",
        SecurityTokenInvalidAlgorithmException => "the token's signing algorithm is not allowed",
        SecurityTokenSignatureKeyNotFoundException => "the token's signing key is unknown",
        SecurityTokenInvalidSignatureException => "the token's signature is invalid",
        SecurityTokenNoExpirationException => "the token has no expiry",
        null => "the token is invalid",
        _ => "the token is invalid: " + exception.GetType().Name,
    };

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Token signed by an unknown key; refreshing the OpenID metadata")]
    private static partial void LogSigningKeyRefresh(ILogger logger);
}
