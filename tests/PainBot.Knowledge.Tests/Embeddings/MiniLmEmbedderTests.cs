using PainBot.Knowledge.Embeddings;

namespace PainBot.Knowledge.Tests.Embeddings;

/// <summary>The real encoder, quantized (the default) against the model as shipped.</summary>
public sealed class MiniLmEmbedderTests
{
    private static readonly string[] Texts =
    [
        "does acupuncture help with chronic low back pain",
        "is tai chi good for knee arthritis",
        "can I take turmeric with my blood thinner",
        "how does cognitive behavioural therapy help with pain",
        "heat or ice for a stiff neck",
        "what to expect at a first massage appointment for fibromyalgia",
        "Mindfulness-based stress reduction is an eight-week group course.",
        "¿el yoga ayuda con el dolor de espalda?",
        "x",
        string.Join(' ', Enumerable.Repeat("very long text about sleep and pain", 200)),
    ];

    [Fact]
    public void Quantized_vectors_stay_close_to_the_full_precision_ones()
    {
        using var quantized = new MiniLmEmbedder(EmbeddingPrecision.Quantized);
        using var full = new MiniLmEmbedder(EmbeddingPrecision.Full);

        var q = quantized.Embed(Texts);
        var f = full.Embed(Texts);

        for (var i = 0; i < Texts.Length; i++)
        {
            var cosine = Dot(q[i], f[i]);
            Assert.True(cosine > 0.97, $"text {i}: cosine {cosine:0.000}");
        }
    }

    [Theory]
    [InlineData(EmbeddingPrecision.Quantized)]
    [InlineData(EmbeddingPrecision.Full)]
    public void Vectors_are_unit_length_and_a_batch_gives_the_same_vectors_as_one_at_a_time(EmbeddingPrecision precision)
    {
        using var embedder = new MiniLmEmbedder(precision);
        var batch = embedder.Embed(Texts);
        for (var i = 0; i < Texts.Length; i++)
        {
            Assert.Equal(1.0, Math.Sqrt(Dot(batch[i], batch[i])), 3);
            var single = embedder.Embed([Texts[i]])[0];
            Assert.True(Dot(single, batch[i]) > 0.999, $"text {i} differs when padded in a batch");
        }
    }

    [Fact]
    public void Related_questions_are_nearer_than_unrelated_ones()
    {
        using var embedder = new MiniLmEmbedder();
        var v = embedder.Embed(["does acupuncture help my back pain", "is acupuncture useful for lower back ache", "what time does the pharmacy close"]);
        Assert.True(Dot(v[0], v[1]) > Dot(v[0], v[2]) + 0.2);
    }

    [Fact]
    public void Model_ids_differ_by_precision_so_cached_vectors_never_mix()
    {
        using var quantized = new MiniLmEmbedder(EmbeddingPrecision.Quantized);
        using var full = new MiniLmEmbedder(EmbeddingPrecision.Full);
        Assert.NotEqual(quantized.ModelId, full.ModelId);
    }

    [Fact]
    public void Many_texts_embed_in_parallel_batches_in_order()
    {
        using var embedder = new MiniLmEmbedder();
        var texts = Enumerable.Range(0, 70).Select(i => i % 2 == 0 ? $"question {i} about yoga for back pain" : $"note {i}: diet").ToArray();
        var vectors = embedder.Embed(texts);
        Assert.Equal(70, vectors.Length);
        Assert.True(Dot(vectors[68], embedder.Embed([texts[68]])[0]) > 0.999);
        Assert.True(Dot(vectors[3], embedder.Embed([texts[3]])[0]) > 0.999);
        Assert.Empty(embedder.Embed([]));
    }

    private static double Dot(float[] a, float[] b) => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);
}
