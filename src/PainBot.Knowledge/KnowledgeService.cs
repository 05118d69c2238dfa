using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PainBot.Core.Content;
using PainBot.Core.Knowledge;
using PainBot.Knowledge.Embeddings;
using PainBot.Knowledge.Loading;
using PainBot.Knowledge.Search;

namespace PainBot.Knowledge;

/// <summary>
/// Builds the passages' side of the content: loads and validates the passages, topics and synonyms, indexes
/// them in a fresh Lucene index and as MiniLM vectors (through the disk cache), and serves the generation last
/// published. <see cref="ContentStore"/> builds the rest of the content with it and publishes both at once.
/// </summary>
public sealed partial class KnowledgeService : IKnowledgeSearch, IDisposable
{
    /// <summary>Longest question text searched; the rest of a very long message adds nothing but cost.</summary>
    public const int MaxQueryCharacters = HybridSearch.MaxQueryCharacters;

    private const int DenseBodyWords = 48;
    private const int QuestionsPerVector = 4;

    private readonly KnowledgeOptions _options;
    private readonly KnowledgeLoader _loader;
    private readonly ITextEmbedder? _embedder;
    private readonly EmbeddingCache? _cache;
    private readonly ILogger<KnowledgeService> _logger;
    private readonly Lock _buildGate = new();
    private readonly ConfidenceModel _confidence;
    private HybridSearch? _search;
    private HybridSearch? _retired;
    private int _generation;

    public KnowledgeService(
        IOptions<KnowledgeOptions> options,
        IOptions<ClinicOptions> clinic,
        ILogger<KnowledgeService> logger,
        ITextEmbedder? embedder = null,
        ConfidenceModel? confidence = null)
    {
        _options = KnowledgeOptions.Resolved(options.Value);
        _logger = logger;
        _embedder = _options.Dense ? embedder : null;
        _confidence = confidence ?? ConfidenceModel.Default;
        _loader = new KnowledgeLoader(clinic.Value.Placeholders());
        if (_embedder is not null)
        {
            _cache = new EmbeddingCache(_options.EmbeddingCachePath, _embedder.ModelId, _embedder.Dimensions);
            Encoder = new QuestionEncoder(_embedder, _options.QueryEmbeddingCacheSize);
        }
    }

    /// <summary>The message encoder (null when the dense side is off).</summary>
    public QuestionEncoder? Encoder { get; }

    /// <summary>The resolved knowledge folder.</summary>
    public string Folder => _options.Path;

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, Passage> Passages => CurrentSearch.Passages;

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, string> TopicLabels => CurrentSearch.TopicLabels;

    /// <summary>The search over the generation published last.</summary>
    public HybridSearch CurrentSearch => Volatile.Read(ref _search) ?? throw new InvalidOperationException("The knowledge has not been loaded yet; call Load() first.");

    /// <summary>The knowledge currently served.</summary>
    public KnowledgeSnapshot Current => CurrentSearch.Snapshot;

    /// <summary>The topics known to the current knowledge.</summary>
    public IReadOnlyDictionary<string, TopicInfo> Topics => Current.Knowledge.Topics;

    /// <summary>Whether questions can be embedded (the dense side is on).</summary>
    public bool CanEmbedQuestions => Encoder is not null;

    /// <summary>Loads the folder, builds a new generation and serves it. Throws when the folder breaks a rule; nothing changes then.</summary>
    /// <exception cref="ContentException">The folder is missing or invalid.</exception>
    public BuildReport Load(IProgress<(int Done, int Total)>? progress = null)
    {
        var search = Build(progress);
        Publish(search);
        return search.Report;
    }

    /// <summary>
    /// Loads the folder and builds a new generation (its own Lucene index and vectors) without serving it.
    /// With an on-disk index (<see cref="KnowledgeOptions.IndexPath"/>, used by the index command) the previous
    /// generation's index is closed first: the folder holds one index at a time.
    /// </summary>
    /// <exception cref="ContentException">The folder is missing or invalid.</exception>
    public HybridSearch Build(IProgress<(int Done, int Total)>? progress = null)
    {
        lock (_buildGate)
        {
            var stopwatch = Stopwatch.StartNew();
            var knowledge = _loader.Load(_options.Path);
            var (dense, vectors, computed) = BuildDense(knowledge.Passages, progress);
            if (!string.IsNullOrWhiteSpace(_options.IndexPath))
            {
                Volatile.Read(ref _search)?.Dispose();
            }

            var lucene = new LuceneIndex(_options.IndexPath);
            lucene.Rebuild(knowledge.Passages, p => TopicText(p, knowledge));
            var terms = knowledge.Passages.Select(p => lucene.Terms(PassageText(p, knowledge)).ToHashSet(StringComparer.Ordinal)).ToList();
            var generation = Interlocked.Increment(ref _generation);
            var snapshot = new KnowledgeSnapshot(
                knowledge,
                lucene,
                knowledge.Passages.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal),
                terms,
                dense,
                new SynonymExpander(knowledge.Synonyms),
                generation);
            var report = new BuildReport(knowledge.Passages.Count, vectors, computed, stopwatch.Elapsed, generation);
            LogLoaded(report.Passages, report.Vectors, report.VectorsComputed, (long)report.Elapsed.TotalMilliseconds);
            return new HybridSearch(snapshot, report, Encoder, _confidence, _options.Fusion);
        }
    }

    /// <summary>
    /// Serves <paramref name="search"/> from now on. The generation before the one replaced is closed: a turn
    /// takes its search at its start and lasts milliseconds, while reloads are a debounce interval apart.
    /// </summary>
    public void Publish(HybridSearch search)
    {
        ArgumentNullException.ThrowIfNull(search);
        var previous = Interlocked.Exchange(ref _search, search);
        var retired = Interlocked.Exchange(ref _retired, previous);
        if (retired is not null && !ReferenceEquals(retired, search))
        {
            retired.Dispose();
        }
    }

    /// <inheritdoc/>
    public SearchResult Search(SearchRequest request) => CurrentSearch.Search(request);

    /// <summary>Searches with the chosen rankings.</summary>
    public SearchResult Search(SearchRequest request, RetrievalMode mode) => CurrentSearch.SearchWithEvidence(request, mode).Result;

    /// <inheritdoc cref="HybridSearch.SearchWithEvidence"/>
    public (SearchResult Result, double Cosine, double Coverage) SearchWithEvidence(SearchRequest request, RetrievalMode mode = RetrievalMode.Hybrid) =>
        CurrentSearch.SearchWithEvidence(request, mode);

    /// <summary>A question's vector (from the cache of recent texts, else the encoder).</summary>
    /// <exception cref="InvalidOperationException">The dense side is off (see <see cref="CanEmbedQuestions"/>).</exception>
    public float[] QuestionVector(string text) =>
        (Encoder ?? throw new InvalidOperationException("Questions cannot be embedded: Knowledge:Dense is off.")).Encode(text);

    /// <inheritdoc/>
    public void Dispose()
    {
        Volatile.Read(ref _retired)?.Dispose();
        Volatile.Read(ref _search)?.Dispose();
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

    /// <summary>The texts embedded for a passage: its title, its alternative questions a few at a time, and title with body.</summary>
    public static IEnumerable<string> DenseTexts(Passage passage)
    {
        yield return passage.Title;

        // The alternative phrasings a few to a vector: the encoder's cost is per text, not per word, and it
        // reads only the first couple of hundred word pieces, so one joined list would lose the later ones.
        foreach (var chunk in passage.Questions.Chunk(QuestionsPerVector))
        {
            yield return string.Join("; ", chunk);
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

}
