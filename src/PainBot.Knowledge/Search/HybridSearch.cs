using PainBot.Core.Knowledge;
using PainBot.Knowledge.Embeddings;

namespace PainBot.Knowledge.Search;

/// <summary>
/// The search over one generation of the passages: BM25 on its own Lucene index, MiniLM cosines on its own
/// vectors, fused, with a confidence. Immutable once built, so a turn that took it keeps a consistent view
/// while a reload builds the next one.
/// </summary>
public sealed class HybridSearch : IKnowledgeSearch, IDisposable
{
    /// <summary>Longest question text searched; the rest of a very long message adds nothing but cost.</summary>
    public const int MaxQueryCharacters = 2000;

    private const int CandidatePool = 50;
    private const float SynonymWeight = 0.6f;
    private const double DenseWeight = 0.6;
    private const int RrfK = 60;

    private readonly QuestionEncoder? _encoder;
    private readonly ConfidenceModel _confidence;
    private readonly FusionMethod _fusion;

    internal HybridSearch(KnowledgeSnapshot snapshot, BuildReport report, QuestionEncoder? encoder, ConfidenceModel confidence, FusionMethod fusion)
    {
        Snapshot = snapshot;
        Report = report;
        _encoder = snapshot.Dense is null ? null : encoder;
        _confidence = confidence;
        _fusion = fusion;
    }

    /// <summary>The passages, terms and vectors searched.</summary>
    public KnowledgeSnapshot Snapshot { get; }

    /// <summary>What building this generation did.</summary>
    public BuildReport Report { get; }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, Passage> Passages => Snapshot.ById;

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, string> TopicLabels => Snapshot.TopicLabels;

    /// <inheritdoc/>
    public SearchResult Search(SearchRequest request) => SearchWithEvidence(request).Result;

    /// <summary>
    /// The search and the evidence its confidence rests on: the best hit's dense cosine and the share of the
    /// question's terms it contains. The eval command fits <see cref="ConfidenceModel"/> on these.
    /// </summary>
    public (SearchResult Result, double Cosine, double Coverage) SearchWithEvidence(SearchRequest request, RetrievalMode mode = RetrievalMode.Hybrid)
    {
        ArgumentNullException.ThrowIfNull(request);
        var snapshot = Snapshot;
        var text = (request.Text ?? string.Empty).Trim();
        if (text.Length > MaxQueryCharacters)
        {
            text = text[..MaxQueryCharacters];
        }

        if (text.Length == 0 || request.Top <= 0)
        {
            return (SearchResult.Empty, 0, 0);
        }

        var lucene = snapshot.Lexical;
        var terms = lucene.Terms(text);
        var extraWords = snapshot.Expander.Expand(text);
        var extraTerms = extraWords.Count == 0 ? [] : lucene.Terms(string.Join(' ', extraWords));
        var pool = Math.Max(CandidatePool, request.Top);

        var lexical = mode == RetrievalMode.Dense
            ? []
            : lucene.Search(terms, extraTerms, SynonymWeight, request.Audience, pool);

        float[]? cosines = null;
        if (mode != RetrievalMode.Lexical && snapshot.Dense is not null && _encoder is not null && text.Any(char.IsLetterOrDigit))
        {
            cosines = snapshot.Dense.Scores(QueryVector(request, text));
        }

        var fused = Fuse(lexical, cosines, request.Audience, mode);
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

    /// <summary>The highest cosine similarity of a vector to any passage (0 without vectors).</summary>
    public double ClosestPassage(ReadOnlySpan<float> vector) =>
        Snapshot.Dense is { VectorCount: > 0 } dense ? dense.Best(vector) : 0;

    /// <inheritdoc/>
    public void Dispose() => Snapshot.Lexical.Dispose();

    // The turn's vector when it has one; a follow-up adds the topic's name (only names of this content are
    // combined, so a caller's arbitrary text cannot grow the topic cache).
    private float[] QueryVector(SearchRequest request, string text)
    {
        var message = request.Vector ?? _encoder!.Encode(text);
        return request.Topic is { Length: > 0 } topic && request.Vector is not null && Snapshot.TopicNames.Contains(topic)
            ? _encoder!.Combine(message, topic)
            : message;
    }

    private List<(int Index, double Score)> Fuse(IReadOnlyList<LexicalHit> lexical, float[]? cosines, Audience audience, RetrievalMode mode)
    {
        var snapshot = Snapshot;
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
                _ when _fusion == FusionMethod.Rrf =>
                    ((hasLexical ? 1.0 / (RrfK + lex.Rank + 1) : 0) + (denseRank.TryGetValue(i, out var dr) ? 1.0 / (RrfK + dr + 1) : 0)) * (RrfK + 1) / 2.0,
                _ => (DenseWeight * cos) + ((1 - DenseWeight) * (hasLexical ? lex.Normalised : 0)),
            };
            return (Index: i, Score: score);
        });

        return [.. scored.OrderByDescending(s => s.Score).ThenBy(s => s.Index)];
    }
}
