using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;

namespace PainBot.BotFramework.Authentication;

/// <summary>
/// Obtains the bot's outbound token with the client-credentials grant and caches it until shortly before it
/// expires (one credential, one scope, so one cache entry). Without an app id it hands out no token.
/// </summary>
public sealed partial class BotAccessTokenProvider(
    BotCredentials credentials,
    IHttpClientFactory httpClientFactory,
    string httpClientName,
    TimeProvider timeProvider,
    ILogger<BotAccessTokenProvider> logger) : IDisposable
{
    /// <summary>How long before expiry a cached token is replaced.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _expiresAt;

    /// <summary>True when outbound calls carry a token.</summary>
    public bool IsEnabled => !string.IsNullOrEmpty(credentials.AppId);

    /// <summary>The cached token, or a new one when there is none, it is near expiry, or <paramref name="forceRefresh"/> is set. Null without an app id.</summary>
    public async Task<string?> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        if (!IsEnabled)
        {
            return null;
        }

        if (!forceRefresh && Fresh() is { } cached)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!forceRefresh && Fresh() is { } again)
            {
                return again;
            }

            var (token, lifetime) = await RequestAsync(cancellationToken).ConfigureAwait(false);
            _token = token;
            _expiresAt = timeProvider.GetUtcNow() + lifetime;
            LogTokenAcquired(logger, (int)lifetime.TotalSeconds);
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private string? Fresh() => _token is not null && timeProvider.GetUtcNow() < _expiresAt - RefreshMargin ? _token : null;

    private async Task<(string Token, TimeSpan Lifetime)> RequestAsync(CancellationToken cancellationToken)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = credentials.AppId!,
            ["client_secret"] = credentials.AppPassword ?? string.Empty,
            ["scope"] = credentials.Scope,
        });
        var client = httpClientFactory.CreateClient(httpClientName);
        using var response = await client.PostAsync(credentials.TokenEndpoint, form, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            LogTokenFailed(logger, (int)response.StatusCode);
            throw new BotAuthenticationException($"The token endpoint answered {(int)response.StatusCode}.");
        }

        var body = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(body?.AccessToken))
        {
            throw new BotAuthenticationException("The token endpoint returned no access_token.");
        }

        return (body.AccessToken, TimeSpan.FromSeconds(body.ExpiresIn is > 0 ? body.ExpiresIn.Value : 3600));
    }

    [LoggerMessage(EventId = 1111, Level = LogLevel.Debug, Message = "Outbound bot token acquired, valid for {Seconds} s")]
    private static partial void LogTokenAcquired(ILogger logger, int seconds);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Error, Message = "The token endpoint refused the bot's credentials with status {Status}")]
    private static partial void LogTokenFailed(ILogger logger, int status);

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int? ExpiresIn);
}
