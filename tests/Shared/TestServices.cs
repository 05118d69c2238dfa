using System.Diagnostics;

namespace PainBot.Tests.Shared;

/// <summary>
/// The Redis and PostgreSQL servers the shared-state and analytics tests run against. <c>.ci/run</c> starts them
/// (tests/services/start.sh) and sets <c>PAINBOT_TEST_REDIS</c> and <c>PAINBOT_TEST_POSTGRES</c>; without those
/// variables the first test that asks starts its own throw-away pair with the same script (when Debian's
/// redis-server and postgresql are installed) and stops it when the test process exits. Tests use
/// <c>[SkippableFact]</c> with <see cref="RequireRedis"/> / <see cref="RequirePostgres"/>: on a machine without the
/// servers they are reported as skipped, and under CI (<c>CI=true</c>) they fail instead, so CI never passes them
/// silently.
/// </summary>
public static class TestServices
{
    private static readonly Lazy<(string? Redis, string? Postgres, string? Why)> Servers = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The Redis configuration string, or a skip (a failure under CI) when no server is available.</summary>
    public static string RequireRedis() => Require(Servers.Value.Redis, "Redis");

    /// <summary>The PostgreSQL connection string, or a skip (a failure under CI) when no server is available.</summary>
    public static string RequirePostgres() => Require(Servers.Value.Postgres, "PostgreSQL");

    private static string Require(string? value, string name)
    {
        if (value is not null)
        {
            return value;
        }

        var why = $"{name} is not available: {Servers.Value.Why}. Install Debian's redis-server and postgresql, or run tests/services/start.sh and export what it prints.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("CI must provide the test servers. " + why);
        }

        Skip.If(true, why);
        return "";
    }

    private static (string? Redis, string? Postgres, string? Why) Start()
    {
        var redis = Environment.GetEnvironmentVariable("PAINBOT_TEST_REDIS");
        var postgres = Environment.GetEnvironmentVariable("PAINBOT_TEST_POSTGRES");
        if (!string.IsNullOrEmpty(redis) && !string.IsNullOrEmpty(postgres))
        {
            return (redis, postgres, null);
        }

        var script = Path.Combine(RepoRoot(), "tests", "services", "start.sh");
        if (!File.Exists("/usr/bin/redis-server") || !Directory.Exists("/usr/lib/postgresql"))
        {
            return (null, null, "redis-server or postgresql is not installed");
        }

        var start = new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            return (null, null, "tests/services/start.sh failed: " + error.Trim());
        }

        var values = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Replace("export ", "", StringComparison.Ordinal).Split('=', 2))
            .ToDictionary(p => p[0], p => p[1].Trim('\''), StringComparer.Ordinal);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            var stop = new ProcessStartInfo("bash", [Path.Combine(RepoRoot(), "tests", "services", "stop.sh")]);
            stop.Environment["PAINBOT_TEST_SERVICES"] = values["PAINBOT_TEST_SERVICES"];
            using var stopping = Process.Start(stop);
            stopping?.WaitForExit(10_000);
        };
        return (values["PAINBOT_TEST_REDIS"], values["PAINBOT_TEST_POSTGRES"], null);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PainBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("PainBot.sln not found above " + AppContext.BaseDirectory);
    }
}
