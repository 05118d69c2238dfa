using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace PainBot.Web.Staff;

/// <summary>
/// Counts wrong staff keys per client address: after <see cref="StaffOptions.MaxFailedSignIns"/> within
/// <see cref="StaffOptions.SignInWindowMinutes"/> the address is refused until the window ends. Only failures count,
/// so staff signing in often are never slowed. Per instance: behind several instances the limit is per instance.
/// </summary>
public sealed class SignInThrottle(IOptions<StaffOptions> options, TimeProvider time)
{
    private const int MaxTrackedAddresses = 10_000;

    private readonly ConcurrentDictionary<string, Window> _failures = new(StringComparer.Ordinal);

    /// <summary>How long <paramref name="address"/> must wait before trying again; zero when it may try now.</summary>
    public TimeSpan RetryAfter(string address)
    {
        var now = time.GetUtcNow();
        if (!_failures.TryGetValue(address, out var window) || window.Ends <= now)
        {
            return TimeSpan.Zero;
        }

        return window.Count >= options.Value.MaxFailedSignIns ? window.Ends - now : TimeSpan.Zero;
    }

    /// <summary>Records a wrong key from <paramref name="address"/>.</summary>
    public void Failed(string address)
    {
        var now = time.GetUtcNow();
        var length = TimeSpan.FromMinutes(options.Value.SignInWindowMinutes);
        if (_failures.Count >= MaxTrackedAddresses)
        {
            foreach (var (key, old) in _failures)
            {
                if (old.Ends <= now)
                {
                    _failures.TryRemove(key, out _);
                }
            }
        }

        _failures.AddOrUpdate(
            address,
            _ => new Window(now + length, 1),
            (_, w) => w.Ends <= now ? new Window(now + length, 1) : w with { Count = w.Count + 1 });
    }

    /// <summary>Forgets the failures of <paramref name="address"/> after a successful sign-in.</summary>
    public void Succeeded(string address) => _failures.TryRemove(address, out _);

    private sealed record Window(DateTimeOffset Ends, int Count);
}
