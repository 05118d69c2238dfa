using PainBot.Knowledge.Embeddings;

namespace PainBot.Generation.Tests.Support;

/// <summary>
/// The real MiniLM model at full precision (what the grounding check runs, see AddPainBotGeneration), loaded once
/// for all tests (loading costs about a second).
/// </summary>
internal static class SharedEmbedder
{
    public static MiniLmEmbedder Instance { get; } = new(EmbeddingPrecision.Full);
}
