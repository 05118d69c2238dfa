using System.Diagnostics;
using PainBot.Core.Knowledge;
using PainBot.Knowledge;
using PainBot.Knowledge.Embeddings;

namespace PainBot.Benchmarks;

/// <summary>
/// The figures the README reports: search latency percentiles (p50/p99 over many timed runs after warm-up),
/// index build time cold and warm, on the shipped knowledge and on a generated 20,000-passage folder.
/// BenchmarkDotNet (the default mode) gives the statistically careful means; this gives the tail.
/// </summary>
internal static class LatencyReport
{
    public static void Run(int generatedCount)
    {
        // First, in a fresh process: what the first visitor after start (after /readyz) waits, against the
        // steady-state turn. The content store loads everything and warms the encoder before it serves.
        using (var fresh = new Assistant())
        {
            fresh.Dialog.WarmUpAsync().GetAwaiter().GetResult(); // as the web host does before /readyz
            var first = Stopwatch.StartNew();
            fresh.Dialog.HandleAsync(new PainBot.Core.Dialog.UserTurn("bench-first", "bench", "is tai chi good for knee arthritis?", "bench")).GetAwaiter().GetResult();
            first.Stop();
            var steady = new List<double>();
            for (var i = 0; i < 200; i++)
            {
                var t = Stopwatch.StartNew();
                fresh.Dialog.HandleAsync(new PainBot.Core.Dialog.UserTurn("bench-steady-" + (i % 16), "bench", BenchSupport.Queries[i % BenchSupport.Queries.Length] + " " + i, "bench")).GetAwaiter().GetResult();
                steady.Add(t.Elapsed.TotalMilliseconds);
            }

            steady.Sort();
            Console.WriteLine($"first turn after load: {first.Elapsed.TotalMilliseconds:0.0} ms; steady-state turn p50 {steady[steady.Count / 2]:0.0} ms, p99 {steady[(int)(steady.Count * 0.99)]:0.0} ms (200 new questions)");
        }

        using var minilm = new MiniLmEmbedder();
        var shipped = Path.Combine(BenchSupport.RepoRoot(), "knowledge");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine();

        // Cold: empty embedding cache, model not yet loaded in this service. Warm: the cache from the cold run.
        var cache = Path.Combine(Path.GetTempPath(), "painbot-bench-cache-" + Guid.NewGuid().ToString("N"));
        var cold = Time(() => { using var s = BenchSupport.Service(shipped, minilm, cache); return s.Load(); });
        var warm = Time(() => { using var s = BenchSupport.Service(shipped, minilm, cache); return s.Load(); });
        Console.WriteLine($"shipped knowledge: {cold.Report.Passages} passages, {cold.Report.Vectors} vectors");
        Console.WriteLine($"  index build cold (no embedding cache): {cold.Ms,8:0} ms ({cold.Report.VectorsComputed} vectors computed)");
        Console.WriteLine($"  index build warm (cache hit):          {warm.Ms,8:0} ms ({warm.Report.VectorsComputed} vectors computed)");
        using (var s = BenchSupport.Service(shipped, minilm, cache))
        {
            s.Load();
            Percentiles("  hybrid search", s, RetrievalMode.Hybrid, 2000);
            Percentiles("  BM25 search  ", s, RetrievalMode.Lexical, 5000);
            Percentiles("  dense search ", s, RetrievalMode.Dense, 2000);
        }

        Directory.Delete(cache, recursive: true);
        Console.WriteLine();

        using (var assistant = new Assistant())
        {
            var n = 0;
            Time("  full turn, no model", 1000, () => assistant.Dialog.HandleAsync(new PainBot.Core.Dialog.UserTurn("bench-" + (n % 64), "bench", BenchSupport.Queries[n++ % BenchSupport.Queries.Length], "bench")).GetAwaiter().GetResult());
            var e = 0;
            using var embedder = new MiniLmEmbedder();
            Time("  question embedding  ", 1000, () => embedder.Embed([BenchSupport.Queries[e++ % BenchSupport.Queries.Length]]));
            var m = 0;
            Time("  safety triage, rules only", 20000, () => assistant.Rules.Assess(BenchSupport.Queries[m++ % BenchSupport.Queries.Length], Audience.Patient));
            TriageRows(assistant);
        }

        ScopeGuardFigures(shipped);

        Console.WriteLine();

        var root = GeneratedKnowledge.Create(generatedCount);
        var synthetic = new SyntheticPassageEmbedder(minilm, BenchSupport.Queries.ToHashSet());
        var bm25Only = Time(() => { using var s = BenchSupport.Service(root, null, null, dense: false); return s.Load(); });
        var genCold = Time(() => { using var s = BenchSupport.Service(root, synthetic, null); return s.Load(); });
        Console.WriteLine($"generated knowledge: {genCold.Report.Passages} passages, {genCold.Report.Vectors} vectors");
        Console.WriteLine($"  index build, BM25 only:                    {bm25Only.Ms,8:0} ms");
        Console.WriteLine($"  index build with vectors already known:    {genCold.Ms,8:0} ms (the warm case)");
        var throughput = MeasureThroughput(minilm, shipped);
        Console.WriteLine($"  MiniLM throughput on passage texts: {throughput:0} vectors/s -> cold build estimate {bm25Only.Ms / 1000 + (genCold.Report.Vectors / throughput):0} s");
        using (var s = BenchSupport.Service(root, synthetic, null))
        {
            s.Load();
            Percentiles("  hybrid search", s, RetrievalMode.Hybrid, 1000);
            Percentiles("  BM25 search  ", s, RetrievalMode.Lexical, 2000);
        }
    }

    /// <summary>
    /// What safety triage costs: on a short question and on a 150-word message (whose sentences the crisis screen
    /// also reads), with and without the whole message's embedding (which the turn computes once for the search
    /// too), and a whole turn on the long message. Every run gets new text, so no cache answers it.
    /// </summary>
    public static void TriageRows(Assistant assistant)
    {
        var s = 0;
        var encoder = assistant.Content.Current.Encoder!;
        Time("  safety step, short question (embed + all layers)", 2000, () => { var q = BenchSupport.Queries[s++ % BenchSupport.Queries.Length]; assistant.Triage.Assess(q, Audience.Patient, encoder.Encode(q), null); });

        // What the safety step costs on a long message: its embedding (cache off) plus every layer, with a previous
        // message. Each run changes a word in every sentence, so no sentence repeats one of an earlier run.
        var previous = encoder.Encode("my back has been bad all week and the new tablets make me sleepy");
        var l = 0;
        Time("  safety step, 150-word message (embed + all layers)", 300, () =>
        {
            var text = LongMessage(l++);
            assistant.Triage.Assess(text, Audience.Patient, encoder.Encode(text), previous);
        });
        var w = 100_000;
        Time("  150-word message, whole-message embedding alone", 300, () => encoder.Encode(LongMessage(w++)));
        var v = 200_000;
        Time("  safety step, 150-word message, message vector given", 300, () =>
        {
            var text = LongMessage(v++);
            var vector = encoder.Encode(text);
            var start = Stopwatch.GetTimestamp();
            assistant.Triage.Assess(text, Audience.Patient, vector, previous);
            return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        });
        SentenceEmbeddingRows((QuestionEncoder)encoder, 300);
        var t = 300_000;
        Time("  full turn, 150-word message, no model", 300, () => assistant.Dialog.HandleAsync(new PainBot.Core.Dialog.UserTurn("bench-long-" + (t % 64), "bench", LongMessage(t++), "bench")).GetAwaiter().GetResult());
    }

    // About 150 words in seven sentences, as a patient writes when they explain a bad week (no red flag in it).
    // The number n goes into every sentence, so each run's sentences are new to any cache.
    private static string[] LongSentences(int n) =>
    [
        $"Hi, I have had lower back pain for about {n} months now and it has been getting worse over the last few weeks.",
        $"I work in warehouse {n} and by the end of a shift I can barely stand up straight.",
        $"My GP gave me naproxen and some exercises, which helped for a while, but now the pain wakes me up at night when I turn over and I feel stiff every morning for {n} minutes or so.",
        $"I have tried heat pads, a new mattress and stretching before work {n} times.",
        $"A friend said acupuncture helped her sciatica and my sister swears by yoga, but I am not sure which one would be better for me or whether plan {n} of my insurance would pay for either of them.",
        $"I also wonder whether losing {n} pounds would help, and how long it usually takes before people notice a difference with these treatments.",
        $"What would you suggest I look into first, as patient {n}?",
    ];

    private static string LongMessage(int n) => string.Join(' ', LongSentences(n));

    /// <summary>
    /// The crisis screen's sentence embeddings alone: one after another (how the screen embedded them until
    /// 2026-12-08) against side by side (<see cref="QuestionEncoder.EncodeAll"/>, how it does now), alternating run
    /// by run so both see the same load from whatever else the machine runs. CPU is the process's processor time
    /// per run (coarse: the operating system counts it in ticks, so only the average is given).
    /// </summary>
    private static void SentenceEmbeddingRows(QuestionEncoder encoder, int runs)
    {
        var alone = new double[runs];
        var together = new double[runs];
        var cpu = new double[2];
        var process = Process.GetCurrentProcess();
        for (var i = -20; i < runs; i++)
        {
            var first = LongSentences(500_000 + (2 * i));
            var second = LongSentences(500_001 + (2 * i));
            process.Refresh();
            var cpuStart = process.TotalProcessorTime;
            var start = Stopwatch.GetTimestamp();
            foreach (var sentence in first)
            {
                encoder.Encode(sentence);
            }

            var aloneMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            process.Refresh();
            var cpuMiddle = process.TotalProcessorTime;
            start = Stopwatch.GetTimestamp();
            encoder.EncodeAll(second);
            var togetherMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            process.Refresh();
            if (i >= 0)
            {
                alone[i] = aloneMs;
                together[i] = togetherMs;
                cpu[0] += (cpuMiddle - cpuStart).TotalMilliseconds;
                cpu[1] += (process.TotalProcessorTime - cpuMiddle).TotalMilliseconds;
            }
        }

        Array.Sort(alone);
        Array.Sort(together);
        Console.WriteLine($"  7 sentences one after another: p50 {alone[runs / 2],7:0.000} ms   p99 {alone[(int)(runs * 0.99)],7:0.000} ms   CPU {cpu[0] / runs,6:0.0} ms per run   ({runs} runs)");
        Console.WriteLine($"  7 sentences side by side:      p50 {together[runs / 2],7:0.000} ms   p99 {together[(int)(runs * 0.99)],7:0.000} ms   CPU {cpu[1] / runs,6:0.0} ms per run   ({runs} runs, {Environment.ProcessorCount} cores)");
    }

    private static (double Ms, PainBot.Knowledge.Search.BuildReport Report) Time(Func<PainBot.Knowledge.Search.BuildReport> build)
    {
        var sw = Stopwatch.StartNew();
        var report = build();
        return (sw.Elapsed.TotalMilliseconds, report);
    }

    private static void Percentiles(string label, KnowledgeService service, RetrievalMode mode, int runs)
    {
        var n = 0;
        Time(label, runs, () => service.Search(new SearchRequest(BenchSupport.Queries[n++ % BenchSupport.Queries.Length]), mode));
    }

    private static void Time(string label, int runs, Action action) => Time(label, runs, () =>
    {
        var start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    });

    // Runs timed: the action returns the milliseconds that count (it may leave its own set-up out).
    private static void Time(string label, int runs, Func<double> timed)
    {
        for (var i = 0; i < Math.Min(200, runs / 10); i++)
        {
            timed();
        }

        var times = new double[runs];
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < runs; i++)
        {
            times[i] = timed();
        }

        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        Array.Sort(times);
        Console.WriteLine($"{label}: p50 {times[runs / 2],7:0.000} ms   p99 {times[(int)(runs * 0.99)],7:0.000} ms   {allocated / 1024.0 / runs,6:0} KB allocated per call   ({runs} runs)");
    }

    /// <summary>The scope rules: load time, memory held, per-message cost, and the slowest of some hostile 4,000-character messages.</summary>
    private static void ScopeGuardFigures(string shipped)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var sw = Stopwatch.StartNew();
        var guard = new PainBot.Core.Scope.ScopeGuard(PainBot.Core.Scope.ScopeRuleLoader.Load(Path.Combine(shipped, "scope")));
        var loadMs = sw.Elapsed.TotalMilliseconds;
        var held = GC.GetTotalMemory(forceFullCollection: true) - before;
        Console.WriteLine($"  scope rules load: {loadMs,6:0} ms, {held / 1e6:0.0} MB held");
        var q = 0;
        Time("  scope guard alone  ", 5000, () => guard.Assess(BenchSupport.Queries[q++ % BenchSupport.Queries.Length]));
        string[] hostile =
        [
            new string('a', 4000),
            string.Concat(Enumerable.Repeat("a b c d e f g h i j ", 200)),
            string.Concat(Enumerable.Repeat("show me the show me your ", 160)),
            string.Concat(Enumerable.Repeat("how much how many ", 230)),
            string.Concat(Enumerable.Repeat("without saying without the dont tell me ", 100)),
        ];
        var worst = hostile.Max(text =>
        {
            guard.Assess(text);
            var start = Stopwatch.GetTimestamp();
            guard.Assess(text);
            return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        });
        Console.WriteLine($"  scope guard, slowest hostile 4,000-character message: {worst:0.0} ms");
    }

    private static double MeasureThroughput(ITextEmbedder embedder, string shipped)
    {
        var kb = new PainBot.Knowledge.Loading.KnowledgeLoader(new ClinicOptions().Placeholders()).Load(shipped);
        var texts = kb.Passages.SelectMany(KnowledgeService.DenseTexts).Take(600).ToList();
        var sw = Stopwatch.StartNew();
        embedder.Embed(texts);
        return texts.Count / sw.Elapsed.TotalSeconds;
    }
}
