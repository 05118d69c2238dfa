namespace PainBot.Knowledge.Embeddings;

/// <summary>How the sentence encoder's weights are held while it runs.</summary>
public enum EmbeddingPrecision
{
    /// <summary>
    /// Weight matrices quantized to 8-bit integers when the model loads (the default): a question embeds in about
    /// a quarter of the time on a CPU, with embeddings within a cosine of about 0.99 of the float model's.
    /// </summary>
    Quantized,

    /// <summary>The model as shipped, in 32-bit floats.</summary>
    Full,
}
