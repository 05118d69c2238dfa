using PainBot.Knowledge.Embeddings;

namespace PainBot.Knowledge.Tests.Support;

/// <summary>
/// A deterministic stand-in for MiniLM in tests of index mechanics: a bag of hashed words, normalised.
/// Counts its calls so cache behaviour can be asserted. Retrieval quality is tested with the real model.
/// </summary>
internal sealed class HashingEmbedder : ITextEmbedder
{
    private int _texts;

    public string ModelId => "hashing-test";

    public int Dimensions => 64;

    public int TextsEmbedded => _texts;

    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        Interlocked.Add(ref _texts, texts.Count);
        return [.. texts.Select(Vector)];
    }

    private float[] Vector(string text)
    {
        var v = new float[Dimensions];
        foreach (var word in text.ToLowerInvariant().Split(' ', '\n', ',', '.', '?', '!'))
        {
            if (word.Length > 0)
            {
                v[(int)((uint)StringComparer.Ordinal.GetHashCode(word) % Dimensions)] += 1;
            }
        }

        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return norm == 0 ? v : [.. v.Select(x => x / norm)];
    }
}
