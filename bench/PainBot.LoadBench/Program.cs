using System.Globalization;
using PainBot.LoadBench;

// Load benchmark of the PainBot web host over loopback HTTP; see README.md next to this file.
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

if (args.Contains("--failover"))
{
    return await FailoverRun.RunAsync(args);
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

const string Secret = BenchHost.Secret;
var root = BenchHost.RepoRoot();
var hostDll = options.HostDll ?? Path.Combine(root, "src", "PainBot.Web", "bin", "Release", "net10.0", "PainBot.Web.dll");
if (!File.Exists(hostDll))
{
    Console.Error.WriteLine($"{hostDll} not found: build it first with `dotnet build -c Release src/PainBot.Web`.");
    return 2;
}

var scripts = ConversationScript.Load(Path.Combine(AppContext.BaseDirectory, "conversations.json"));
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

var settings = BenchHost.Settings(root);
foreach (var (key, value) in options.HostSettings)
{
    settings[key] = value;
    Console.Error.WriteLine($"host setting: {key}={value}");
}

Console.Error.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; starting {hostDll}");
await using var host = await HostProcess.StartAsync(root, hostDll, settings, TimeSpan.FromMinutes(3), stop.Token);
Console.Error.WriteLine($"host ready at {host.BaseAddress}");

using var http = BenchHttp.CreateClient(host.BaseAddress);
var targets = options.Targets.Select(name => name switch
{
    "healthz" => (ILoadTarget)new HealthTarget(http),
    "messages" => new MessagesTarget(http),
    _ => new DirectLineTarget(http, Secret, options.PollInterval),
}).ToList();
var runner = new LoadRunner(scripts, options.TurnTimeout, options.ThinkTime);

if (options.Warmup > TimeSpan.Zero)
{
    foreach (var target in targets)
    {
        var warm = await runner.RunAsync(target, options.Levels[0], options.Warmup, options.MaxTurns, stop.Token);
        Console.Error.WriteLine($"warm-up {target.Name}: {warm.Turns} turns, {warm.Errors} errors");
    }
}

var results = new List<RunResult>();
foreach (var level in options.Levels)
{
    foreach (var target in targets)
    {
        var result = await runner.RunAsync(target, level, options.Duration, options.MaxTurns, stop.Token);
        results.Add(result);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Target,-12} x{level,-4} {result.TurnsPerSecond,7:0} turns/s  p50 {result.P50,7:0.0} ms  p99 {result.P99,7:0.0} ms  errors {result.Errors}"));
        foreach (var (kind, count) in result.ErrorKinds)
        {
            Console.Error.WriteLine($"    {count} x {kind}");
        }
    }
}

Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {options.Duration.TotalSeconds:0} s per target per level, client and host on the same machine"));
Console.WriteLine();
Console.Write(ResultTable.Format(results));
Console.WriteLine();

// The goals from the channels issue: no errors anywhere, p99 <= 100 ms at 32 concurrent conversations.
var errors = results.Sum(r => r.Errors);
Console.WriteLine($"goal: 0 errors                 -> {(errors == 0 ? "met" : $"MISSED ({errors} errors)")}");
foreach (var r in results.Where(r => r.Concurrency == 32 && r.Target != "healthz"))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"goal: {r.Target} p99 <= 100 ms at 32 -> {(r.P99 <= 100 ? "met" : "MISSED")} ({r.P99:0} ms)"));
}

return errors == 0 ? 0 : 1;
