using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using PainBot.Core.Knowledge;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace PainBot.Knowledge.Search;

/// <summary>
/// The whole Lucene lifecycle in one place: one directory (RAM by default, or on disk), one writer, one
/// <see cref="SearcherManager"/>. Re-indexing replaces every document and refreshes the manager once;
/// searches acquire and release a searcher, so a search running during a rebuild finishes on the old view.
/// </summary>
public sealed class LuceneIndex : IDisposable
{
    /// <summary>The one Lucene version used for analysis and the index format.</summary>
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private const string IdField = "id";
    private const string AudienceField = "audience";
    private const int MaxQueryTerms = 64;

    // Boosts: a word in the title or an alternative question says more about the passage than one in its body.
    private static readonly (string Field, float Boost)[] TextFields =
    [
        ("title", 2.0f),
        ("questions", 1.6f),
        ("topic", 1.0f),
        ("body", 1.0f),
    ];

    private readonly LuceneDirectory _directory;
    private readonly Analyzer _analyzer;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _manager;
    private readonly System.Threading.Lock _writeGate = new();
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IndexReader, ReaderTerms> _vocabularies = [];

    /// <param name="path">Folder for an on-disk index; null or empty for memory.</param>
    public LuceneIndex(string? path)
    {
        _directory = string.IsNullOrWhiteSpace(path) ? new RAMDirectory() : FSDirectory.Open(path);
        _analyzer = new EnglishAnalyzer(Version);
        var config = new IndexWriterConfig(Version, _analyzer) { OpenMode = OpenMode.CREATE };
        _writer = new IndexWriter(_directory, config);
        _writer.Commit();
        _manager = new SearcherManager(_writer, applyAllDeletes: true, searcherFactory: null);
    }

    /// <summary>Replaces the indexed passages with <paramref name="passages"/> and makes them visible to searches.</summary>
    public void Rebuild(IEnumerable<Passage> passages, Func<Passage, string> topicText)
    {
        lock (_writeGate)
        {
            _writer.DeleteAll();
            foreach (var p in passages)
            {
                _writer.AddDocument(new Document
                {
                    new StringField(IdField, p.Id, Field.Store.NO),
                    new BinaryDocValuesField(IdField, new BytesRef(p.Id)),
                    new StringField(AudienceField, p.Audience.ToWire(), Field.Store.NO),
                    new TextField("title", p.Title, Field.Store.NO),
                    new TextField("questions", string.Join(" \n ", p.Questions), Field.Store.NO),
                    new TextField("topic", topicText(p), Field.Store.NO),
                    new TextField("body", p.Body, Field.Store.NO),
                });
            }

            _writer.Commit();
            _manager.MaybeRefreshBlocking();
        }
    }

    /// <summary>The analysed terms of a text (stemmed, stop words removed), at most 64, each once.</summary>
    public IReadOnlyList<string> Terms(string text)
    {
        var terms = new List<string>();
        using var stream = _analyzer.GetTokenStream("body", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken() && terms.Count < MaxQueryTerms)
        {
            var t = term.ToString();
            if (!terms.Contains(t))
            {
                terms.Add(t);
            }
        }

        stream.End();
        return terms;
    }

    /// <summary>BM25 search. <paramref name="extraTerms"/> (synonym expansions) count at <paramref name="extraWeight"/>.</summary>
    public IReadOnlyList<LexicalHit> Search(IReadOnlyList<string> terms, IReadOnlyList<string> extraTerms, float extraWeight, Audience audience, int top)
    {
        if (terms.Count == 0 && extraTerms.Count == 0)
        {
            return [];
        }

        var searcher = _manager.Acquire();
        try
        {
            // Only (term, field) pairs that occur in the index: an absent pair scores nothing (BM25 has no coord
            // or query norm) but still costs Lucene a terms enumerator, weight and scorer, about 10 KB each.
            var vocabulary = _vocabularies.GetValue(searcher.IndexReader, static reader => new ReaderTerms(reader));
            var should = new BooleanQuery();
            foreach (var t in terms)
            {
                AddTerm(should, vocabulary, t, 1f);
            }

            foreach (var t in extraTerms.Where(t => !terms.Contains(t)))
            {
                AddTerm(should, vocabulary, t, extraWeight);
            }

            if (should.Clauses.Count == 0)
            {
                return [];
            }

            var query = new BooleanQuery { { should, Occur.MUST } };
            if (audience != Audience.Staff)
            {
                query.Add(new TermQuery(new Term(AudienceField, Audience.Staff.ToWire())), Occur.MUST_NOT);
            }

            // Collected in document order: out of order, a pure disjunction gets Lucene's BooleanScorer, whose
            // 2,048-bucket table is allocated afresh for every search (over 100 KB); the scores are the same.
            var collector = TopScoreDocCollector.Create(top, docsScoredInOrder: true);
            searcher.Search(query, collector);
            var docs = collector.GetTopDocs();
            var hits = new List<LexicalHit>(docs.ScoreDocs.Length);
            var leaves = searcher.IndexReader.Leaves;
            var bytes = new BytesRef();
            foreach (var sd in docs.ScoreDocs)
            {
                // The id from doc values: reading stored fields decompresses a block per hit, which was a sixth
                // of a turn's CPU under load.
                var leaf = leaves[ReaderUtil.SubIndex(sd.Doc, leaves)];
                var ids = leaf.AtomicReader.GetBinaryDocValues(IdField)
                    ?? throw new InvalidOperationException("The index has no id doc values; rebuild it.");
                ids.Get(sd.Doc - leaf.DocBase, bytes);
                hits.Add(new LexicalHit(bytes.Utf8ToString(), sd.Score));
            }

            return hits;
        }
        finally
        {
            _manager.Release(searcher);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        // Reverse order of creation.
        _manager.Dispose();
        _writer.Dispose();
        _analyzer.Dispose();
        _directory.Dispose();
    }

    private static void AddTerm(BooleanQuery should, ReaderTerms vocabulary, string term, float weight)
    {
        // Best field wins, the others add a little: a word in title and body is not counted twice in full.
        var dis = new DisjunctionMaxQuery(0.3f) { Boost = weight };
        foreach (var (field, boost) in TextFields)
        {
            if (vocabulary.Context(field, term) is { } context)
            {
                dis.Add(new TermQuery(context.Term, context.States) { Boost = boost });
            }
        }

        if (dis.Disjuncts.Count > 0)
        {
            should.Add(dis, Occur.SHOULD);
        }
    }

    /// <summary>
    /// The terms of one reader (one per re-index): every term of every text field, and the term states of those
    /// a question has used. A term query given its states skips the look-up in the terms dictionary, which
    /// otherwise builds a terms enumerator with its frames for every (term, field) of every question.
    /// </summary>
    private sealed class ReaderTerms
    {
        private readonly IndexReader _reader;
        private readonly Dictionary<string, HashSet<string>> _words = new(StringComparer.Ordinal);
        private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Field, string Text), (Term Term, TermContext States)> _contexts = new();

        public ReaderTerms(IndexReader reader)
        {
            _reader = reader;
            foreach (var (field, _) in TextFields)
            {
                var words = new HashSet<string>(StringComparer.Ordinal);
                var fieldTerms = MultiFields.GetTerms(reader, field);
                if (fieldTerms is not null)
                {
                    var e = fieldTerms.GetEnumerator();
                    while (e.MoveNext())
                    {
                        words.Add(e.Term.Utf8ToString());
                    }
                }

                _words[field] = words;
            }
        }

        /// <summary>The term and its states in this reader, or null when the field never contains it (it could not score).</summary>
        public (Term Term, TermContext States)? Context(string field, string text) =>
            _words.TryGetValue(field, out var words) && words.Contains(text)
                ? _contexts.GetOrAdd((field, text), static (key, reader) =>
                {
                    var term = new Term(key.Field, key.Text);
                    return (term, TermContext.Build(reader.Context, term));
                }, _reader)
                : null;
    }
}
