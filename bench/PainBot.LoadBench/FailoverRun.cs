using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace PainBot.LoadBench;

/// <summary>
/// Two web hosts sharing one Redis (State:Provider=Redis, one DirectLine:Secret), Direct Line conversations spread
/// over both as a load balancer would (each request to either instance at random), and the first instance killed
/// part-way through; from then on requests go to the survivor. Reports errors (split into requests in flight on the
/// killed instance and the rest), acknowledged activities lost (every POST answered 200 with an id is looked for on
/// the survivor at the end), turn latency and the survivor's memory.
/// </summary>
internal static class FailoverRun
{
    public const string Usage = """
        dotnet run -c Release --project bench/PainBot.LoadBench -- --failover [options]
          --redis HOST:PORT        Redis configuration string (default $PAINBOT_TEST_REDIS; tests/services/start.sh starts one)
          --conversations 100      concurrent Direct Line conversations
          --duration 120           seconds of load
          --kill-at 60             seconds after which the first instance is killed
          --think-ms 1000          pause after each reply before the next message (people reading and typing)
          --turn-timeout 10        seconds before a request counts as an error
        """;

    private const string Secret = BenchHost.Secret;

    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        int Number(string name, int fallback) => int.Parse(Arg(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

        var redis = Arg("--redis", Environment.GetEnvironmentVariable("PAINBOT_TEST_REDIS") ?? "");
        if (redis.Length == 0)
        {
            Console.Error.WriteLine("No Redis: pass --redis HOST:PORT or run tests/services/start.sh and export PAINBOT_TEST_REDIS.");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var conversations = Number("--conversations", 100);
        var duration = TimeSpan.FromSeconds(Number("--duration", 120));
        var killAt = TimeSpan.FromSeconds(Number("--kill-at", 60));
        var think = TimeSpan.FromMilliseconds(Number("--think-ms", 1000));
        var timeout = TimeSpan.FromSeconds(Number("--turn-timeout", 10));

        var root = BenchHost.RepoRoot();
        var hostDll = Path.Combine(root, "src", "PainBot.Web", "bin", "Release", "net10.0", "PainBot.Web.dll");
        var scripts = ConversationScript.Load(Path.Combine(AppContext.BaseDirectory, "conversations.json"));
        var settings = BenchHost.Settings(root);

        // Every acknowledged activity is looked for at the end, so none may be trimmed.
        settings["DirectLine__MaxActivitiesPerConversation"] = "100000";
        settings["State__Provider"] = "Redis";
        settings["State__Redis"] = redis;
        settings["State__RedisKeyPrefix"] = "loadbench:" + Guid.NewGuid().ToString("N")[..8] + ":";

        Console.Error.WriteLine($"machine: {Environment.ProcessorCount} cores; starting two hosts on Redis {redis}");
        var starting = await Task.WhenAll(
            HostProcess.StartAsync(root, hostDll, settings, TimeSpan.FromMinutes(3), CancellationToken.None),
            HostProcess.StartAsync(root, hostDll, settings, TimeSpan.FromMinutes(3), CancellationToken.None)).ConfigureAwait(false);
        var (doomed, survivor) = (starting[0], starting[1]);
        await using var survivorScope = survivor.ConfigureAwait(false);
        using var doomedHttp = BenchHttp.CreateClient(doomed.BaseAddress);
        using var survivorHttp = BenchHttp.CreateClient(survivor.BaseAddress);
        HttpClient[] instances = [doomedHttp, survivorHttp];
        var killed = 0;
        int Pick() => Volatile.Read(ref killed) == 1 ? 1 : Random.Shared.Next(2);

        var errors = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var inFlightOnKilled = 0;
        var acknowledged = new ConcurrentBag<(string Conversation, string Token, string Id)>();
        var latencies = new ConcurrentBag<(double At, double Ms)>();
        var memory = new ConcurrentBag<(double At, long Rss)>();
        var clock = Stopwatch.StartNew();

        void Fail(int instance, Exception e)
        {
            if (instance == 0 && Volatile.Read(ref killed) == 1)
            {
                Interlocked.Increment(ref inFlightOnKilled);
                return;
            }

            var kind = e is OperationCanceledException ? "timeout" : $"{e.GetType().Name}: {e.Message}";
            errors.AddOrUpdate(kind, 1, (_, n) => n + 1);
        }

        var requests = new long[2];
        var pending = new long[2];
        long pendingAtKill = 0;
        async Task<T?> TryAsync<T>(int instance, Func<HttpClient, CancellationToken, Task<T>> call)
            where T : class
        {
            Interlocked.Increment(ref requests[instance]);
            Interlocked.Increment(ref pending[instance]);
            using var limit = new CancellationTokenSource(timeout);
            try
            {
                return await call(instances[instance], limit.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or JsonException)
            {
                Fail(instance, e);
                return null;
            }
            finally
            {
                Interlocked.Decrement(ref pending[instance]);
            }
        }

        async Task WorkerAsync(int worker)
        {
            var next = worker;
            while (clock.Elapsed < duration)
            {
                var script = scripts[next++ % scripts.Count];
                var opened = await TryAsync(Pick(), async (http, ct) =>
                {
                    using var request = BenchHttp.JsonPost("v3/directline/conversations", new { user = new { id = $"failover-{worker}" } }, Secret);
                    using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
                    using var body = await BenchHttp.ReadJsonAsync(response, ct).ConfigureAwait(false);
                    return Tuple.Create(body.RootElement.GetProperty("conversationId").GetString()!, body.RootElement.GetProperty("token").GetString()!);
                }).ConfigureAwait(false);
                if (opened is null)
                {
                    await Task.Delay(100).ConfigureAwait(false);
                    continue;
                }

                var (conversation, token) = opened;
                var path = $"v3/directline/conversations/{Uri.EscapeDataString(conversation)}/activities";
                var watermark = "";
                foreach (var text in script.Messages)
                {
                    if (clock.Elapsed >= duration)
                    {
                        return;
                    }

                    var started = Stopwatch.GetTimestamp();
                    var id = await TryAsync(Pick(), async (http, ct) =>
                    {
                        using var post = BenchHttp.JsonPost(path, new { type = "message", text, locale = "en-US" }, token);
                        using var response = await http.SendAsync(post, ct).ConfigureAwait(false);
                        using var body = await BenchHttp.ReadJsonAsync(response, ct).ConfigureAwait(false);
                        return body.RootElement.GetProperty("id").GetString()!;
                    }).ConfigureAwait(false);
                    if (id is null)
                    {
                        // Not acknowledged: the person sends it again, as Web Chat offers.
                        continue;
                    }

                    acknowledged.Add((conversation, token, id));

                    // Poll (any instance) until the reply is there; a poll lost with the killed instance is retried.
                    var replied = false;
                    while (!replied && Stopwatch.GetElapsedTime(started) < timeout)
                    {
                        var instance = Pick();
                        var set = await TryAsync(instance, async (http, ct) =>
                        {
                            using var get = new HttpRequestMessage(HttpMethod.Get, new Uri($"{path}?watermark={Uri.EscapeDataString(watermark)}", UriKind.Relative));
                            get.Headers.Authorization = new("Bearer", token);
                            using var response = await http.SendAsync(get, ct).ConfigureAwait(false);
                            return await BenchHttp.ReadJsonAsync(response, ct).ConfigureAwait(false);
                        }).ConfigureAwait(false);
                        if (set is null)
                        {
                            continue;
                        }

                        using (set)
                        {
                            watermark = set.RootElement.GetProperty("watermark").GetString() ?? watermark;
                            replied = set.RootElement.GetProperty("activities").EnumerateArray().Any(a =>
                                a.GetProperty("type").ValueEquals("message") && a.TryGetProperty("replyToId", out var r) && r.ValueEquals(id));
                        }

                        if (!replied)
                        {
                            await Task.Delay(20).ConfigureAwait(false);
                        }
                    }

                    if (!replied)
                    {
                        errors.AddOrUpdate("no reply within the turn timeout", 1, (_, n) => n + 1);
                        continue;
                    }

                    latencies.Add((clock.Elapsed.TotalSeconds, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
                    await Task.Delay(think).ConfigureAwait(false);
                }
            }
        }

        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                memory.Add((clock.Elapsed.TotalSeconds, Rss(survivor.ProcessId)));
                await Task.Delay(1000).ConfigureAwait(false);
            }
        });
        var killer = Task.Run(async () =>
        {
            await Task.Delay(killAt).ConfigureAwait(false);
            Volatile.Write(ref killed, 1);
            pendingAtKill = Interlocked.Read(ref pending[0]);
            await doomed.DisposeAsync().ConfigureAwait(false);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds:0.0} s: first instance killed"));
        });

        await Task.WhenAll(Enumerable.Range(0, conversations).Select(w => Task.Run(() => WorkerAsync(w)))).ConfigureAwait(false);
        await killer.ConfigureAwait(false);
        await sampling.CancelAsync().ConfigureAwait(false);
        await sampler.ConfigureAwait(false);

        // Every acknowledged activity must still be there, read from the survivor.
        var lost = 0;
        foreach (var group in acknowledged.GroupBy(a => (a.Conversation, a.Token)))
        {
            using var get = new HttpRequestMessage(HttpMethod.Get, new Uri($"v3/directline/conversations/{Uri.EscapeDataString(group.Key.Conversation)}/activities?watermark=", UriKind.Relative));
            get.Headers.Authorization = new("Bearer", group.Key.Token);
            using var response = await survivorHttp.SendAsync(get).ConfigureAwait(false);
            using var set = await BenchHttp.ReadJsonAsync(response, CancellationToken.None).ConfigureAwait(false);
            var ids = set.RootElement.GetProperty("activities").EnumerateArray().Select(a => a.GetProperty("id").GetString()).ToHashSet(StringComparer.Ordinal);
            lost += group.Count(a => !ids.Contains(a.Id));
        }

        var all = latencies.Select(l => l.Ms).Order().ToArray();
        var before = latencies.Where(l => l.At < killAt.TotalSeconds).Select(l => l.Ms).Order().ToArray();
        var after = latencies.Where(l => l.At >= killAt.TotalSeconds).Select(l => l.Ms).Order().ToArray();
        var rss = memory.OrderBy(m => m.At).ToList();
        long RssAt(double seconds) => rss.LastOrDefault(m => m.At <= seconds, rss[0]).Rss;
        const double Mb = 1024 * 1024;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""

            two instances on one Redis, {conversations} Direct Line conversations, {duration.TotalSeconds:0} s, think {think.TotalMilliseconds:0} ms, first instance killed at {killAt.TotalSeconds:0} s ({Environment.ProcessorCount} cores, hosts, Redis and client on one machine)
            turns answered           {all.Length} ({all.Length / duration.TotalSeconds:0.0}/s)
            acknowledged activities  {acknowledged.Count}, lost {lost}
            requests                 {requests[0]} to the killed instance, {requests[1]} to the survivor
            requests in flight on the killed instance when it was killed  {pendingAtKill} (counted by the client, which also holds a request until it has read the response), failed {inFlightOnKilled}
            other errors             {errors.Values.Sum()}
            turn latency p50 / p99   all {P(all, 0.50):0.0} / {P(all, 0.99):0.0} ms; before the kill {P(before, 0.50):0.0} / {P(before, 0.99):0.0} ms; after {P(after, 0.50):0.0} / {P(after, 0.99):0.0} ms
            survivor RSS             start {RssAt(0) / Mb:0} MB, at the kill {RssAt(killAt.TotalSeconds) / Mb:0} MB, end {rss[^1].Rss / Mb:0} MB, peak {rss.Max(m => m.Rss) / Mb:0} MB
            """));
        foreach (var (kind, count) in errors)
        {
            Console.WriteLine($"    {count} x {kind}");
        }

        return lost == 0 && errors.IsEmpty ? 0 : 1;
    }

    private static double P(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];

    private static long Rss(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
