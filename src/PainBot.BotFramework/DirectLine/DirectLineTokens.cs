using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PainBot.BotFramework.DirectLine;

/// <summary>
/// Issues and checks Direct Line credentials. Tokens are self-contained and signed with a key derived from the
/// secret (HMAC-SHA256), so any instance that shares the secret accepts them and nothing is stored per token.
/// A token names exactly one conversation and one user.
/// </summary>
public sealed partial class DirectLineTokens
{
    private const string Prefix = "pbdl1.";
    private readonly byte[] _secret;
    private readonly byte[] _signingKey;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;

    public DirectLineTokens(IOptions<DirectLineOptions> options, TimeProvider time, ILogger<DirectLineTokens> logger)
    {
        var configured = options.Value.Secret;
        if (string.IsNullOrEmpty(configured))
        {
            configured = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
            LogSecretGenerated(logger);
        }

        _secret = Encoding.UTF8.GetBytes(configured);
        _signingKey = HMACSHA256.HashData(_secret, "PainBot Direct Line token signing key v1"u8);
        _time = time;
        _lifetime = TimeSpan.FromMinutes(options.Value.TokenLifetimeMinutes);
    }

    /// <summary>Seconds a new token is valid for (the wire's expires_in).</summary>
    public int LifetimeSeconds => (int)_lifetime.TotalSeconds;

    /// <summary>A new token for one conversation and user.</summary>
    public string Issue(string conversationId, string userId)
    {
        var payload = new TokenPayload(conversationId, userId, _time.GetUtcNow().Add(_lifetime).ToUnixTimeSeconds(), Base64Nonce());
        var body = WebEncoders.Base64UrlEncode(JsonSerializer.SerializeToUtf8Bytes(payload, TokenJson.Default.TokenPayload));
        return Prefix + body + "." + WebEncoders.Base64UrlEncode(Sign(body));
    }

    /// <summary>Checks an <c>Authorization: Bearer</c> value or a stream URL's <c>t</c>: the secret, or one of our tokens.</summary>
    public (CredentialStatus Status, DirectLineCaller? Caller) Check(string? credential)
    {
        if (string.IsNullOrEmpty(credential))
        {
            return (CredentialStatus.Invalid, null);
        }

        if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(credential), _secret))
        {
            return (CredentialStatus.Valid, new DirectLineCaller(true, null, null, null));
        }

        if (!credential.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return (CredentialStatus.Invalid, null);
        }

        var parts = credential[Prefix.Length..].Split('.');
        if (parts.Length != 2)
        {
            return (CredentialStatus.Invalid, null);
        }

        TokenPayload? payload;
        try
        {
            if (!CryptographicOperations.FixedTimeEquals(WebEncoders.Base64UrlDecode(parts[1]), Sign(parts[0])))
            {
                return (CredentialStatus.Invalid, null);
            }

            payload = JsonSerializer.Deserialize(WebEncoders.Base64UrlDecode(parts[0]), TokenJson.Default.TokenPayload);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return (CredentialStatus.Invalid, null);
        }

        if (payload is null || string.IsNullOrEmpty(payload.C) || string.IsNullOrEmpty(payload.U))
        {
            return (CredentialStatus.Invalid, null);
        }

        var caller = new DirectLineCaller(false, payload.C, payload.U, credential);
        return _time.GetUtcNow().ToUnixTimeSeconds() >= payload.E ? (CredentialStatus.Expired, caller) : (CredentialStatus.Valid, caller);
    }

    private byte[] Sign(string body) => HMACSHA256.HashData(_signingKey, Encoding.ASCII.GetBytes(body));

    private static string Base64Nonce() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(9));

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "DirectLine:Secret is not set: generated a random Direct Line secret for this process. Tokens will not survive a restart or work across instances; set DirectLine:Secret in production.")]
    private static partial void LogSecretGenerated(ILogger logger);

    /// <summary>The signed part of a token: conversation, user, expiry (Unix seconds), nonce.</summary>
    internal sealed record TokenPayload(string C, string U, long E, string N);

    [JsonSerializable(typeof(TokenPayload))]
    internal sealed partial class TokenJson : JsonSerializerContext;
}
