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
                    new StringField(IdField, p.Id, Field.Store.YES),
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

        var query = new BooleanQuery();
        var should = new BooleanQuery();
        foreach (var t in terms)
        {
            should.Add(TermAcrossFields(t, 1f), Occur.SHOULD);
        }

        foreach (var t in extraTerms.Where(t => !terms.Contains(t)))
        {
            should.Add(TermAcrossFields(t, extraWeight), Occur.SHOULD);
        }

        query.Add(should, Occur.MUST);
        if (audience != Audience.Staff)
        {
            query.Add(new TermQuery(new Term(AudienceField, Audience.Staff.ToWire())), Occur.MUST_NOT);
        }

        var searcher = _manager.Acquire();
        try
        {
            var docs = searcher.Search(query, top);
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

    private static DisjunctionMaxQuery TermAcrossFields(string term, float weight)
    {
        // Best field wins, the others add a little: a word in title and body is not counted twice in full.
        var dis = new DisjunctionMaxQuery(0.3f) { Boost = weight };
        foreach (var (field, boost) in TextFields)
        {
            dis.Add(new TermQuery(new Term(field, term)) { Boost = boost });
        }

        return dis;
    }
}
