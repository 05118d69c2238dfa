using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PainBot.Core.Knowledge;
using PainBot.Knowledge.Embeddings;

namespace PainBot.Knowledge;

/// <summary>Registration of the knowledge base and its search.</summary>
public static class KnowledgeServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="KnowledgeService"/> (as itself and as <see cref="IKnowledgeSearch"/>) with validated
    /// <see cref="KnowledgeOptions"/> from the "Knowledge" section and the MiniLM embedder. Call
    /// <see cref="KnowledgeService.Load"/> once at start.
    /// </summary>
    public static IServiceCollection AddPainBotKnowledge(this IServiceCollection services)
    {
        services.AddOptions<KnowledgeOptions>()
            .BindConfiguration(KnowledgeOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<ITextEmbedder>(sp => new MiniLmEmbedder(sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value.EmbeddingPrecision));
        services.TryAddSingleton<KnowledgeService>();
        services.TryAddSingleton<IKnowledgeSearch>(sp => sp.GetRequiredService<KnowledgeService>());
        return services;
    }
}
