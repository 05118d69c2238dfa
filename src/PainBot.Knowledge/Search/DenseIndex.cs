using System.Numerics.Tensors;

namespace PainBot.Knowledge.Search;

/// <summary>
/// Several unit vectors per passage (its title, each alternative question, title with body), searched by brute
/// force: a passage scores the best cosine of any of its vectors. Exact, allocation-light and fast enough for
/// tens of thousands of passages; an approximate index would only pay off well beyond that.
/// </summary>
public sealed class DenseIndex
{
    private readonly float[] _matrix;
    private readonly int[] _owner;
    private readonly int _dimensions;

    /// <param name="vectors">Unit vectors, row by row.</param>
    /// <param name="owner">For each vector, the index of the passage it belongs to.</param>
    /// <param name="passageCount">Number of passages.</param>
    public DenseIndex(IReadOnlyList<float[]> vectors, IReadOnlyList<int> owner, int passageCount, int dimensions)
    {
        _dimensions = dimensions;
        PassageCount = passageCount;
        _matrix = new float[vectors.Count * dimensions];
        for (var i = 0; i < vectors.Count; i++)
        {
            vectors[i].AsSpan().CopyTo(_matrix.AsSpan(i * dimensions, dimensions));
        }

        _owner = [.. owner];
    }

    public int PassageCount { get; }

    public int VectorCount => _owner.Length;

    /// <summary>The best cosine between <paramref name="query"/> and any vector (-1 when there are none); allocates nothing.</summary>
    public float Best(ReadOnlySpan<float> query)
    {
        var best = -1f;
        var matrix = _matrix.AsSpan();
        for (var i = 0; i < _owner.Length; i++)
        {
            best = Math.Max(best, TensorPrimitives.Dot(query, matrix.Slice(i * _dimensions, _dimensions)));
        }

        return best;
    }

    /// <summary>For every passage, the best cosine between <paramref name="query"/> and its vectors (-1 when it has none).</summary>
    public float[] Scores(ReadOnlySpan<float> query)
    {
        var best = new float[PassageCount];
        Array.Fill(best, -1f);
        var matrix = _matrix.AsSpan();
        for (var i = 0; i < _owner.Length; i++)
        {
            var cos = TensorPrimitives.Dot(query, matrix.Slice(i * _dimensions, _dimensions));
            ref var slot = ref best[_owner[i]];
            if (cos > slot)
            {
                slot = cos;
            }
        }

        return best;
    }
}
