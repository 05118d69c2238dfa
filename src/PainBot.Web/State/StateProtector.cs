using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PainBot.BotFramework.DirectLine;

namespace PainBot.Web.State;

/// <summary>
/// Encrypts what is stored in Redis (activities and conversation state hold the person's words) with AES-256-GCM.
/// The key is derived from <c>DirectLine:Secret</c> with HKDF and a purpose string, so every instance that shares
/// the secret can read what another wrote, and the token-signing key is never reused. The Redis key a payload is
/// stored under is bound as associated data, so a payload moved to another key does not decrypt.
/// </summary>
public sealed class StateProtector
{
    private const byte Version = 1;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] Purpose = "PainBot shared state encryption v1"u8.ToArray();
    private readonly byte[] _key;

    public StateProtector(IOptions<DirectLineOptions> options)
    {
        var secret = options.Value.Secret;
        if (string.IsNullOrEmpty(secret))
        {
            throw new InvalidOperationException("DirectLine:Secret must be set to encrypt shared state.");
        }

        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, salt: [], info: Purpose);
    }

    /// <summary>version (1) | nonce (12) | tag (16) | ciphertext.</summary>
    public byte[] Protect(ReadOnlySpan<byte> plaintext, string context)
    {
        var output = new byte[1 + NonceBytes + TagBytes + plaintext.Length];
        output[0] = Version;
        var nonce = output.AsSpan(1, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, plaintext, output.AsSpan(1 + NonceBytes + TagBytes), output.AsSpan(1 + NonceBytes, TagBytes), Encoding.UTF8.GetBytes(context));
        return output;
    }

    /// <summary>The plaintext, or null when the payload is not ours (another secret, another key, tampered).</summary>
    public byte[]? Unprotect(ReadOnlySpan<byte> payload, string context)
    {
        if (payload.Length < 1 + NonceBytes + TagBytes || payload[0] != Version)
        {
            return null;
        }

        var plaintext = new byte[payload.Length - 1 - NonceBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(_key, TagBytes);
            aes.Decrypt(payload.Slice(1, NonceBytes), payload[(1 + NonceBytes + TagBytes)..], payload.Slice(1 + NonceBytes, TagBytes), plaintext, Encoding.UTF8.GetBytes(context));
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }
}
