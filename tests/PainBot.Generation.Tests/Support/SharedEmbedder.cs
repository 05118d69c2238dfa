using PainBot.Knowledge.Embeddings;

namespace PainBot.Generation.Tests.Support;

/// <summary>The real MiniLM model, loaded once for all tests (loading costs about a second).</summary>
internal static class SharedEmbedder
{
    public static MiniLmEmbedder Instance { get; } = new();
}
