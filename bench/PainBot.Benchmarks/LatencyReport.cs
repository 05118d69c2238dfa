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
            var s = 0;
            var encoder = assistant.Content.Current.Encoder!;
            Time("  safety step, short question (embed + all layers)", 2000, () => { var q = BenchSupport.Queries[s++ % BenchSupport.Queries.Length]; assistant.Triage.Assess(q, Audience.Patient, encoder.Encode(q), null); });

            // What the safety step costs on a long message: its embedding (cache off) plus every layer, with a previous message.
            var l = 0;
            var previous = encoder.Encode("my back has been bad all week and the new tablets make me sleepy");
            Time("  safety step, 150-word message (embed + all layers)", 300, () =>
            {
                var text = LongMessage + " " + l++;
                assistant.Triage.Assess(text, Audience.Patient, encoder.Encode(text), previous);
            });
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

    // About 150 words, as a patient writes when they explain a bad week (no red flag in it).
    private const string LongMessage = "Hi, I have had lower back pain for about six years now and it has been getting worse over the last few months. "
        + "I work in a warehouse and by the end of a shift I can barely stand up straight. My GP gave me naproxen and some exercises, "
        + "which helped for a while, but now the pain wakes me up at night when I turn over and I feel stiff every morning for an hour or so. "
        + "I have tried heat pads, a new mattress and stretching before work. A friend said acupuncture helped her sciatica and my sister "
        + "swears by yoga, but I am not sure which one would be better for me or whether my insurance would pay for either of them. "
        + "I also wonder whether losing some weight would help, and how long it usually takes before people notice a difference with these treatments. "
        + "What would you suggest I look into first?";

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

    private static void Time(string label, int runs, Action action)
    {
        for (var i = 0; i < Math.Min(200, runs / 10); i++)
        {
            action();
        }

        var times = new double[runs];
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
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
