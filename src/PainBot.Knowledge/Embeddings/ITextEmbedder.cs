namespace PainBot.Knowledge.Embeddings;

/// <summary>Turns text into unit-length vectors whose dot product measures similarity of meaning.</summary>
public interface ITextEmbedder
{
    /// <summary>A name that changes whenever vectors would change (model and version); it keys the cache.</summary>
    string ModelId { get; }

    /// <summary>Vector length.</summary>
    int Dimensions { get; }

    /// <summary>Embeds the texts, in order. Safe to call from several threads.</summary>
    float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
