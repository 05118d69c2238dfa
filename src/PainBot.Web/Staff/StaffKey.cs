using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace PainBot.Web.Staff;

/// <summary>Checks a presented staff key against <see cref="StaffOptions.ApiKey"/> in constant time.</summary>
public sealed class StaffKey(IOptions<StaffOptions> options)
{
    private readonly byte[] _expected = Hash(options.Value.ApiKey.Trim());

    /// <summary>True when <paramref name="presented"/> is the configured key.</summary>
    public bool Matches(string? presented)
    {
        // Hashing first gives both sides the same length, so the comparison time says nothing about the key.
        var actual = Hash((presented ?? string.Empty).Trim());
        return CryptographicOperations.FixedTimeEquals(actual, _expected) && presented is { Length: > 0 };
    }

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
