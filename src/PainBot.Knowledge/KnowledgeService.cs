using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PainBot.Core.Knowledge;
using PainBot.Knowledge.Embeddings;
using PainBot.Knowledge.Loading;
using PainBot.Knowledge.Search;

namespace PainBot.Knowledge;

/// <summary>
/// Serves hybrid search over the knowledge folder: loads and validates it, indexes it in Lucene and as MiniLM
/// vectors, and rebuilds when files change. A rebuild builds everything new first and swaps it in at once; an
/// edit that breaks the rules is logged and the previous knowledge keeps serving.
/// </summary>
public sealed partial class KnowledgeService : IKnowledgeSearch, IDisposable
{
    /// <summary>Longest question text searched; the rest of a very long message adds nothing but cost.</summary>
    public const int MaxQueryCharacters = 2000;

    private const int CandidatePool = 50;
    private const float SynonymWeight = 0.6f;
    private const double DenseWeight = 0.6;
    private const int RrfK = 60;
    private const int DenseBodyWords = 48;

    private readonly KnowledgeOptions _options;
    private readonly KnowledgeLoader _loader;
    private readonly ITextEmbedder? _embedder;
    private readonly EmbeddingCache? _cache;
    private readonly ILogger<KnowledgeService> _logger;
    private readonly LuceneIndex _lucene;
    private readonly Lock _reloadGate = new();
    private readonly ConfidenceModel _confidence;
    private readonly QueryVectorCache _queryVectors;
    private KnowledgeSnapshot? _snapshot;
    private FileSystemWatcher? _watcher;
    private Timer? _debounce;
    private int _generation;

    public KnowledgeService(
        IOptions<KnowledgeOptions> options,
        IOptions<ClinicOptions> clinic,
        ILogger<KnowledgeService> logger,
        ITextEmbedder? embedder = null,
        ConfidenceModel? confidence = null)
    {
        var o = options.Value;
        var path = KnowledgeOptions.Resolve(o.Path);

        // The cache lives beside the knowledge folder unless configured with an absolute path.
        var cache = string.IsNullOrWhiteSpace(o.EmbeddingCachePath) || System.IO.Path.IsPathRooted(o.EmbeddingCachePath)
            ? o.EmbeddingCachePath
            : System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path) ?? ".", o.EmbeddingCachePath);
        _options = new KnowledgeOptions
        {
            Path = path,
            IndexPath = o.IndexPath,
            EmbeddingCachePath = cache,
            Dense = o.Dense,
            Fusion = o.Fusion,
            WatchForChanges = o.WatchForChanges,
            ReloadDebounceMilliseconds = o.ReloadDebounceMilliseconds,
            QueryEmbeddingCacheSize = o.QueryEmbeddingCacheSize,
        };
        _queryVectors = new QueryVectorCache(_options.QueryEmbeddingCacheSize);
        _logger = logger;
        _embedder = _options.Dense ? embedder : null;
        _confidence = confidence ?? ConfidenceModel.Default;
        _loader = new KnowledgeLoader(clinic.Value.Placeholders());
        _lucene = new LuceneIndex(_options.IndexPath);
        if (_embedder is not null)
        {
            _cache = new EmbeddingCache(_options.EmbeddingCachePath, _embedder.ModelId, _embedder.Dimensions);
        }
    }

    /// <summary>Raised after a successful rebuild triggered by a file change.</summary>
    public event EventHandler<BuildReport>? Reloaded;

    /// <summary>Raised when a file change could not be loaded; the previous knowledge keeps serving.</summary>
    public event EventHandler<KnowledgeValidationException>? ReloadFailed;

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, Passage> Passages => Current.ById;

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, string> TopicLabels => Current.TopicLabels;

    /// <summary>The knowledge currently served.</summary>
    public KnowledgeSnapshot Current => Volatile.Read(ref _snapshot) ?? throw new InvalidOperationException("The knowledge has not been loaded yet; call Load() first.");

    /// <summary>The topics known to the current knowledge.</summary>
    public IReadOnlyDictionary<string, TopicInfo> Topics => Current.Knowledge.Topics;

    /// <summary>Loads the folder and builds the index. Throws when the folder breaks a rule; nothing is served then.</summary>
    /// <exception cref="KnowledgeValidationException">The folder is missing or invalid.</exception>
    public BuildReport Load(IProgress<(int Done, int Total)>? progress = null)
    {
        lock (_reloadGate)
        {
            var stopwatch = Stopwatch.StartNew();
            var knowledge = _loader.Load(_options.Path);
            var (dense, vectors, computed) = BuildDense(knowledge.Passages, progress);
            var terms = knowledge.Passages.Select(p => _lucene.Terms(PassageText(p, knowledge)).ToHashSet(StringComparer.Ordinal)).ToList();
            var generation = Interlocked.Increment(ref _generation);
            var snapshot = new KnowledgeSnapshot(
                knowledge,
                knowledge.Passages.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal),
                terms,
                dense,
                new SynonymExpander(knowledge.Synonyms),
                generation);

            // Lucene first, then the snapshot: a search in between finds ids it can still resolve.
            _lucene.Rebuild(knowledge.Passages, p => TopicText(p, knowledge));
            Volatile.Write(ref _snapshot, snapshot);
            var report = new BuildReport(knowledge.Passages.Count, vectors, computed, stopwatch.Elapsed, generation);
            LogLoaded(report.Passages, report.Vectors, report.VectorsComputed, (long)report.Elapsed.TotalMilliseconds);
            return report;
        }
    }

    /// <summary>Watches the knowledge folder and rebuilds after changes settle.</summary>
    public void StartWatching()
    {
        if (!_options.WatchForChanges || _watcher is not null)
        {
            return;
        }

        _debounce = new Timer(_ => TryReload(), null, Timeout.Infinite, Timeout.Infinite);
        _watcher = new FileSystemWatcher(Path.GetFullPath(_options.Path))
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.DirectoryName | NotifyFilters.Size,
        };
        FileSystemEventHandler changed = (_, _) => _debounce.Change(_options.ReloadDebounceMilliseconds, Timeout.Infinite);
        _watcher.Changed += changed;
        _watcher.Created += changed;
        _watcher.Deleted += changed;
        _watcher.Renamed += (_, _) => _debounce.Change(_options.ReloadDebounceMilliseconds, Timeout.Infinite);
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>Rebuilds from the folder; on failure keeps serving what it had and returns false.</summary>
    public bool TryReload()
    {
        try
        {
            var report = Load();
            Reloaded?.Invoke(this, report);
            return true;
        }
        catch (KnowledgeValidationException ex)
        {
            LogReloadFailed(ex.Errors.Count, ex.Message);
            ReloadFailed?.Invoke(this, ex);
            return false;
        }
        catch (IOException ex)
        {
            // A file still being written; the watcher fires again when it is done.
            var wrapped = new KnowledgeValidationException("A knowledge file could not be read: " + ex.Message, ex);
            LogReloadFailed(1, wrapped.Message);
            ReloadFailed?.Invoke(this, wrapped);
            return false;
        }
    }

    /// <inheritdoc/>
    public SearchResult Search(SearchRequest request) => Search(request, RetrievalMode.Hybrid);

    /// <summary>Searches with the chosen rankings.</summary>
    public SearchResult Search(SearchRequest request, RetrievalMode mode) => SearchWithEvidence(request, mode).Result;

    /// <summary>
    /// The search and the evidence its confidence rests on: the best hit's dense cosine and the share of the
    /// question's terms it contains. The eval command fits <see cref="ConfidenceModel"/> on these.
    /// </summary>
    public (SearchResult Result, double Cosine, double Coverage) SearchWithEvidence(SearchRequest request, RetrievalMode mode = RetrievalMode.Hybrid)
    {
        var snapshot = Current;
        var text = (request.Text ?? string.Empty).Trim();
        if (text.Length > MaxQueryCharacters)
        {
            text = text[..MaxQueryCharacters];
        }

        if (text.Length == 0 || request.Top <= 0)
        {
            return (SearchResult.Empty, 0, 0);
        }

        var terms = _lucene.Terms(text);
        var extraWords = snapshot.Expander.Expand(text);
        var extraTerms = extraWords.Count == 0 ? [] : _lucene.Terms(string.Join(' ', extraWords));
        var pool = Math.Max(CandidatePool, request.Top);

        var lexical = mode == RetrievalMode.Dense
            ? []
            : _lucene.Search(terms, extraTerms, SynonymWeight, request.Audience, pool);

        float[]? cosines = null;
        if (mode != RetrievalMode.Lexical && snapshot.Dense is not null && _embedder is not null && text.Any(char.IsLetterOrDigit))
        {
            // Only topic names of the content are cached, so a caller's arbitrary text cannot grow the cache.
            var query = request.Topic is { Length: > 0 } topic && text.Length > topic.Length && text.EndsWith(topic, StringComparison.Ordinal)
                && snapshot.TopicLabels.Values.Contains(topic, StringComparer.Ordinal)
                ? FollowUpVector(text[..^topic.Length].TrimEnd(), topic)
                : QuestionVector(text);
            cosines = snapshot.Dense.Scores(query);
        }

        var fused = Fuse(snapshot, lexical, cosines, request.Audience, mode);
        var hits = fused.Take(request.Top).Select(f => new SearchHit(snapshot.Passages[f.Index], Math.Round(f.Score, 4))).ToList();
        if (hits.Count == 0)
        {
            return (SearchResult.Empty, 0, 0);
        }

        var best = snapshot.IndexById[hits[0].Passage.Id];
        var coverage = terms.Count == 0 ? 0 : terms.Count(snapshot.TermsByPassage[best].Contains) / (double)terms.Count;
        var cosine = cosines?[best] ?? 0.0;
        var confidence = mode == RetrievalMode.Lexical ? coverage : _confidence.Score(cosine, coverage);
        return (new SearchResult(hits, Math.Round(Math.Clamp(confidence, 0, 1), 4)), cosine, coverage);
    }

    /// <summary>The highest cosine similarity of a vector to any passage served now (0 before loading or without vectors).</summary>
    public double ClosestPassage(ReadOnlySpan<float> vector) =>
        Volatile.Read(ref _snapshot)?.Dense is { } dense && dense.VectorCount > 0 ? dense.Best(vector) : 0;

    /// <summary>Whether questions can be embedded (the dense side is on).</summary>
    public bool CanEmbedQuestions => _embedder is not null;

    /// <summary>
    /// A question's vector: the one just computed for the same text in this turn (the crisis screen embeds the
    /// message before the search does), else the question-vector cache, else the encoder.
    /// </summary>
    /// <exception cref="InvalidOperationException">The dense side is off (see <see cref="CanEmbedQuestions"/>).</exception>
    public float[] QuestionVector(string text)
    {
        if (_embedder is null)
        {
            throw new InvalidOperationException("Questions cannot be embedded: Knowledge:Dense is off.");
        }

        // Per async flow, so it never crosses to another conversation and a later turn embeds its own text again.
        if (LastQuestion.Value is { } last && ReferenceEquals(last.Embedder, _embedder) && string.Equals(last.Text, text, StringComparison.Ordinal))
        {
            return last.Vector;
        }

        var vector = _queryVectors.GetOrAdd(text, t => _embedder.Embed([t])[0]);
        LastQuestion.Value = new(_embedder, text, vector);
        return vector;
    }

    /// <summary>
    /// A follow-up resolved against a topic: the message's vector (usually already computed this turn by the
    /// crisis screen) plus the topic name's vector (cached: topic names are content, not what people type),
    /// back to unit length. One embedding per follow-up instead of two.
    /// </summary>
    private float[] FollowUpVector(string message, string topic)
    {
        var m = QuestionVector(message);
        var t = _topicVectors.GetOrAdd(topic, static (label, embedder) => embedder.Embed([label])[0], _embedder!);
        var sum = new float[m.Length];
        System.Numerics.Tensors.TensorPrimitives.Add(m, t, sum);
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(sum);
        if (norm > 0)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(sum, norm, sum);
        }

        return sum;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, float[]> _topicVectors = new(StringComparer.Ordinal);

    private static readonly AsyncLocal<RecentVector?> LastQuestion = new();

    private sealed record RecentVector(ITextEmbedder Embedder, string Text, float[] Vector);

    /// <inheritdoc/>
    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce?.Dispose();
        _lucene.Dispose();
    }

    private List<(int Index, double Score)> Fuse(KnowledgeSnapshot snapshot, IReadOnlyList<LexicalHit> lexical, float[]? cosines, Audience audience, RetrievalMode mode)
    {
        var lexicalScore = new Dictionary<int, (double Normalised, int Rank)>();
        var max = lexical.Count > 0 ? lexical[0].Score : 1f;
        for (var rank = 0; rank < lexical.Count; rank++)
        {
            if (snapshot.IndexById.TryGetValue(lexical[rank].Id, out var index))
            {
                lexicalScore[index] = (lexical[rank].Score / max, rank);
            }
        }

        var denseRank = new Dictionary<int, int>();
        if (cosines is not null)
        {
            var order = Enumerable.Range(0, cosines.Length)
                .Where(i => snapshot.Passages[i].Audience.IsVisibleTo(audience))
                .OrderByDescending(i => cosines[i])
                .Take(CandidatePool);
            var r = 0;
            foreach (var i in order)
            {
                denseRank[i] = r++;
            }
        }

        var candidates = lexicalScore.Keys.Union(denseRank.Keys);
        var scored = candidates.Select(i =>
        {
            var hasLexical = lexicalScore.TryGetValue(i, out var lex);
            var cos = cosines is null ? 0.0 : Math.Max(0.0, cosines[i]);
            var score = mode switch
            {
                RetrievalMode.Lexical => lex.Normalised,
                RetrievalMode.Dense => cos,
                _ when cosines is null => hasLexical ? lex.Normalised : 0,
                _ when _options.Fusion == FusionMethod.Rrf =>
                    ((hasLexical ? 1.0 / (RrfK + lex.Rank + 1) : 0) + (denseRank.TryGetValue(i, out var dr) ? 1.0 / (RrfK + dr + 1) : 0)) * (RrfK + 1) / 2.0,
                _ => (DenseWeight * cos) + ((1 - DenseWeight) * (hasLexical ? lex.Normalised : 0)),
            };
            return (Index: i, Score: score);
        });

        return [.. scored.OrderByDescending(s => s.Score).ThenBy(s => s.Index)];
    }

    private (DenseIndex? Index, int Vectors, int Computed) BuildDense(IReadOnlyList<Passage> passages, IProgress<(int Done, int Total)>? progress)
    {
        if (_embedder is null || _cache is null)
        {
            return (null, 0, 0);
        }

        var texts = new List<string>();
        var owner = new List<int>();
        for (var i = 0; i < passages.Count; i++)
        {
            foreach (var t in DenseTexts(passages[i]))
            {
                texts.Add(t);
                owner.Add(i);
            }
        }

        var (vectors, computed) = _cache.GetOrAdd(texts, missing =>
        {
            // Length order keeps each progress chunk's batches evenly padded.
            var order = Enumerable.Range(0, missing.Count).OrderBy(i => missing[i].Length).ToArray();
            var result = new float[missing.Count][];
            const int chunk = 128;
            for (var start = 0; start < order.Length; start += chunk)
            {
                var indices = order.Skip(start).Take(chunk).ToArray();
                var part = _embedder.Embed([.. indices.Select(i => missing[i])]);
                for (var j = 0; j < indices.Length; j++)
                {
                    result[indices[j]] = part[j];
                }

                progress?.Report((start + indices.Length, missing.Count));
            }

            return result;
        });
        _cache.Save(texts);
        return (new DenseIndex(vectors, owner, passages.Count, _embedder.Dimensions), texts.Count, computed);
    }

    /// <summary>The texts embedded for a passage: its title, each alternative question, and title with body.</summary>
    public static IEnumerable<string> DenseTexts(Passage passage)
    {
        yield return passage.Title;

        // One vector for all alternative phrasings: the encoder's cost is per text, not per word, and a
        // joined list keeps nearly all of their recall (measured with the eval command).
        if (passage.Questions.Count > 0)
        {
            yield return string.Join("; ", passage.Questions);
        }

        yield return passage.Title + "\n" + Lead(passage.Body, DenseBodyWords);
    }

    /// <summary>The first words of a body: passages open with their direct answer, and the encoder truncates long input anyway.</summary>
    internal static string Lead(string body, int words)
    {
        var parts = body.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length <= words ? string.Join(' ', parts) : string.Join(' ', parts.Take(words));
    }

    private static string TopicText(Passage p, KnowledgeBase knowledge) =>
        knowledge.Topics.TryGetValue(p.Topic, out var t) ? t.Label : p.Topic;

    private static string PassageText(Passage p, KnowledgeBase knowledge) =>
        string.Join('\n', p.Title, string.Join('\n', p.Questions), TopicText(p, knowledge), p.Body);

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Knowledge indexed: {Passages} passages, {Vectors} vectors ({Computed} computed) in {ElapsedMs} ms")]
    private partial void LogLoaded(int passages, int vectors, int computed, long elapsedMs);

    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "Knowledge reload failed with {Count} problem(s); the previous knowledge keeps serving. {Details}")]
    private partial void LogReloadFailed(int count, string details);
}
