using System.Security.Cryptography;
using System.Text;

namespace PainBot.Core.Analytics;

/// <summary>
/// Pseudonymous keys for analytics rows: a channel's conversation or user id is never stored, only the first 16
/// bytes of its SHA-256 (hex), so "forget me" can find a person's rows and nobody can read the id back.
/// </summary>
public static class AnalyticsKeys
{
    public static string Of(string channel, string id)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(channel + "\n" + id), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
