using PainBot.Knowledge.Embeddings;

namespace PainBot.Knowledge.Tests.Embeddings;

/// <summary>The crisis screen's sentences embedded together against the same sentences one at a time.</summary>
public sealed class QuestionEncoderTests
{
    // Mixed lengths, one repeated, one Spanish, one long: as the sentences of real messages are.
    private static readonly string[] Sentences =
    [
        "Hi, I have had lower back pain for about six years now and it has been getting worse over the last few months.",
        "I work in a warehouse and by the end of a shift I can barely stand up straight.",
        "ok thanks",
        "My GP gave me naproxen and some exercises, which helped for a while, but now the pain wakes me up at night when I turn over and I feel stiff every morning for an hour or so.",
        "I work in a warehouse and by the end of a shift I can barely stand up straight.",
        "¿el yoga ayuda con el dolor de espalda?",
        "i have been saving my pills and i know how many it takes",
        string.Join(' ', Enumerable.Repeat("very long text about sleep and pain", 120)),
    ];

    [Theory]
    [InlineData(0)]
    [InlineData(64)]
    public void EncodeAll_GivesEachTextItsOneAtATimeVector_InOrder(int cacheSize)
    {
        using var embedder = new MiniLmEmbedder();
        var encoder = new QuestionEncoder(embedder, cacheSize);

        var together = encoder.EncodeAll(Sentences);

        Assert.Equal(Sentences.Length, together.Length);
        for (var i = 0; i < Sentences.Length; i++)
        {
            var alone = embedder.Embed([Sentences[i]])[0];
            var cosine = System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(alone, together[i]);
            Assert.True(cosine > 0.9999, $"sentence {i}: cosine {cosine:0.000000}");
        }

        // The order is kept: different sentences are not interchanged.
        Assert.True(System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(together[0], together[6]) < 0.9);
        Assert.Empty(encoder.EncodeAll([]));
    }

    [Fact]
    public void EncodeAll_EmbedsARepeatedTextOnce_AndUsesTheCache()
    {
        var counting = new CountingEmbedder();
        var encoder = new QuestionEncoder(counting, 16);
        encoder.Encode("cached already");

        var vectors = encoder.EncodeAll(["a b c", "cached already", "a b c", "d e f"]);

        Assert.Equal(3, counting.Calls); // "cached already" once before, then "a b c" and "d e f"
        Assert.Same(vectors[0], vectors[2]);
        Assert.Equal(2f, vectors[3][0]);
    }

    private sealed class CountingEmbedder : ITextEmbedder
    {
        private int _calls;

        public int Calls => _calls;

        public string ModelId => "counting";

        public int Dimensions => 1;

        public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            return [.. texts.Select(t => new[] { (float)t.Length / 2.5f })];
        }
    }
}
