using System.Globalization;

namespace PainBot.LoadBench;

/// <summary>Command-line settings; every one has a default, so a bare run measures what the README reports.</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        dotnet run -c Release --project bench/PainBot.LoadBench -- [options]
          --levels 8,32,128        concurrent conversations per level
          --targets healthz,messages,directline
          --duration 15            seconds per target per level
          --warmup 15              seconds per target at the first level before measuring (discarded; the host's
                                   tiered JIT keeps compiling for the first 20-30 s of load)
          --max-turns 200000       turns per target per level at most
          --turn-timeout 10        seconds before a turn counts as an error
          --poll-ms 20             Direct Line poll interval when the reply is not there yet
          --think-ms 0             pause after each reply before the conversation's next message (0 = capacity test;
                                   1000-3000 models people reading and typing)
          --host-dll PATH          default src/PainBot.Web/bin/Release/net10.0/PainBot.Web.dll
          --set Key__Sub=VALUE     extra host setting as an environment variable (repeatable), e.g. Knowledge__Dense=false
        """;

    public IReadOnlyList<int> Levels { get; init; } = [8, 32, 128];

    public IReadOnlyList<string> Targets { get; init; } = ["healthz", "messages", "directline"];

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(15);

    public int MaxTurns { get; init; } = 200_000;

    public TimeSpan TurnTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    public TimeSpan ThinkTime { get; init; } = TimeSpan.Zero;

    public string? HostDll { get; init; }

    /// <summary>Extra host settings (environment variable name and value), for experiments such as BM25-only search.</summary>
    public IReadOnlyDictionary<string, string> HostSettings { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> with the offending option.</summary>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--levels" => options with { Levels = [.. Value().Split(',').Select(v => Positive(name, v))] },
                "--targets" => options with { Targets = ParseTargets(Value()) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Positive(name, Value())) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(int.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--max-turns" => options with { MaxTurns = Positive(name, Value()) },
                "--turn-timeout" => options with { TurnTimeout = TimeSpan.FromSeconds(Positive(name, Value())) },
                "--poll-ms" => options with { PollInterval = TimeSpan.FromMilliseconds(Positive(name, Value())) },
                "--think-ms" => options with { ThinkTime = TimeSpan.FromMilliseconds(int.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--host-dll" => options with { HostDll = Path.GetFullPath(Value()) },
                "--set" => options with { HostSettings = WithSetting(options.HostSettings, Value()) },
                _ => throw new ArgumentException($"Unknown option {name}."),
            };
        }

        return options;
    }

    private static Dictionary<string, string> WithSetting(IReadOnlyDictionary<string, string> settings, string assignment)
    {
        var equals = assignment.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new ArgumentException($"--set needs Key=Value, not '{assignment}'.");
        }

        return new Dictionary<string, string>(settings, StringComparer.Ordinal) { [assignment[..equals]] = assignment[(equals + 1)..] };
    }

    private static string[] ParseTargets(string value)
    {
        var targets = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = targets.Except(["healthz", "messages", "directline"], StringComparer.Ordinal).ToList();
        return unknown.Count == 0 && targets.Length > 0 ? targets : throw new ArgumentException($"--targets: unknown {string.Join(", ", unknown)}.");
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} must be a positive whole number, not '{value}'.");
}
