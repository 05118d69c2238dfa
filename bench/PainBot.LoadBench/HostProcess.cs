using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PainBot.LoadBench;

/// <summary>
/// The PainBot web host as a child process on a free loopback port, configured for the benchmark through
/// environment variables (the host's ordinary configuration), and stopped when disposed.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    /// <summary>Lines of host output kept to explain a failed start.</summary>
    private const int TailLines = 40;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _tail = new();

    private readonly string _analyticsFolder;

    private HostProcess(Process process, Uri baseAddress, string analyticsFolder)
    {
        _process = process;
        BaseAddress = baseAddress;
        _analyticsFolder = analyticsFolder;
    }

    /// <summary>The host's address, ending in a slash.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The host's process id (for its memory figures).</summary>
    public int ProcessId => _process.Id;

    /// <summary>
    /// Starts <paramref name="hostDll"/> with the settings the benchmark needs and returns once <c>GET /readyz</c>
    /// answers 200 (the knowledge is loaded and indexed before the host listens).
    /// </summary>
    public static async Task<HostProcess> StartAsync(string repoRoot, string hostDll, IReadOnlyDictionary<string, string> settings, TimeSpan readyTimeout, CancellationToken cancellationToken)
    {
        var port = FreeLoopbackPort();
        var baseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet ? dotnet : "dotnet")
        {
            WorkingDirectory = repoRoot,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(hostDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));

        // The project folder as content root, as `dotnet run --project src/PainBot.Web` gives (wwwroot is found).
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(Path.Combine(repoRoot, "src", "PainBot.Web"));

        // Settings from the caller's shell must not change what is measured (an app id would make /api/messages refuse us).
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("BotFramework__", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("DirectLine__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("Knowledge__", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("Generation__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("Analytics__", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("RateLimits__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        // A throw-away analytics database (removed on dispose), so a run never writes into the repository's data folder.
        var analyticsFolder = Path.Combine(Path.GetTempPath(), "painbot-bench-analytics-" + Guid.NewGuid().ToString("N"));
        start.Environment["Analytics__ConnectionString"] = "Data Source=" + Path.Combine(analyticsFolder, "analytics.db");

        // All load comes from one loopback address and each scripted conversation posts far faster than a person:
        // the per-client and per-conversation rate limits would measure themselves, not the host.
        start.Environment["RateLimits__ClientPermitsPerMinute"] = "1000000";
        start.Environment["RateLimits__ConversationActivitiesPerMinute"] = "100000";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var host = new HostProcess(process, baseAddress, analyticsFolder);
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("The host process did not start.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitUntilReadyAsync(readyTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return host;
    }

    /// <summary>The last lines the host wrote, for diagnostics.</summary>
    public string OutputTail => string.Join(Environment.NewLine, _tail);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                // Nothing of the host outlives it (in-memory conversations, embedding cache written at load).
                _process.Kill(entireProcessTree: true);
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // Never started, or already gone.
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_analyticsFolder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // The host wrote nothing.
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _tail.Enqueue(line);
        while (_tail.Count > TailLines)
        {
            _tail.TryDequeue(out _);
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = BenchHttp.CreateClient(BaseAddress);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode} before it was ready:{Environment.NewLine}{OutputTail}");
            }

            try
            {
                using var probe = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(probe.Token, cancellationToken);
                using var response = await http.GetAsync(new Uri("readyz", UriKind.Relative), linked.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"The host was not ready within {timeout.TotalSeconds:0} s:{Environment.NewLine}{OutputTail}");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
