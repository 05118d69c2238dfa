using System.Security.Claims;

namespace PainBot.BotFramework.Authentication;

/// <summary>The outcome of checking a request's Authorization header.</summary>
/// <param name="Succeeded">Whether the request may be processed.</param>
/// <param name="Identity">The validated identity; anonymous when authentication is disabled.</param>
/// <param name="Failure">Why it failed, for logs (never the token itself).</param>
public sealed record BotAuthenticationResult(bool Succeeded, ClaimsIdentity? Identity, string? Failure)
{
    /// <summary>True when the request carried no token and authentication is disabled.</summary>
    public bool IsAnonymous => Succeeded && Identity is { IsAuthenticated: false };

    /// <summary>Set when the request could not be checked because the signing keys cannot be read now: try again after this long (503, not 401).</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static BotAuthenticationResult Anonymous() => new(true, new ClaimsIdentity(), null);

    public static BotAuthenticationResult Success(ClaimsIdentity identity) => new(true, identity, null);

    public static BotAuthenticationResult Fail(string reason) => new(false, null, reason);

    /// <summary>The token could not be checked now (signing keys unavailable); the caller should answer 503 with Retry-After.</summary>
    public static BotAuthenticationResult Unavailable(string reason, TimeSpan retryAfter) => new(false, null, reason) { RetryAfter = retryAfter };
}
