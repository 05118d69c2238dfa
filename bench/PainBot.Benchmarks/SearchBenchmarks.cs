using BenchmarkDotNet.Attributes;
using PainBot.Core.Knowledge;
using PainBot.Knowledge;
using PainBot.Knowledge.Embeddings;

namespace PainBot.Benchmarks;

/// <summary>Search over the shipped knowledge, per ranking.</summary>
[MemoryDiagnoser]
public class SearchBenchmarks
{
    private MiniLmEmbedder _embedder = null!;
    private KnowledgeService _service = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _embedder = new MiniLmEmbedder();
        _service = BenchSupport.Service(Path.Combine(BenchSupport.RepoRoot(), "knowledge"), _embedder, Path.Combine(BenchSupport.RepoRoot(), "data", "cache"));
        _service.Load();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _service.Dispose();
        _embedder.Dispose();
    }

    [Benchmark]
    public SearchResult Hybrid() => _service.Search(new SearchRequest(NextQuery()), RetrievalMode.Hybrid);

    [Benchmark]
    public SearchResult Bm25() => _service.Search(new SearchRequest(NextQuery()), RetrievalMode.Lexical);

    [Benchmark]
    public float[][] QueryEmbedding() => _embedder.Embed([NextQuery()]);

    private string NextQuery() => BenchSupport.Queries[_next++ % BenchSupport.Queries.Length];
}
