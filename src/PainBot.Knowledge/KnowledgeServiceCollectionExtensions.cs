using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PainBot.Core.Content;
using PainBot.Core.Knowledge;
using PainBot.Core.Safety;
using PainBot.Knowledge.Embeddings;

namespace PainBot.Knowledge;

/// <summary>Registration of the content snapshot and its search.</summary>
public static class KnowledgeServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ContentStore"/> (as itself and as <see cref="IContentSource"/>), the passages' builder
    /// <see cref="KnowledgeService"/> (also as <see cref="IKnowledgeSearch"/> for tools), validated
    /// <see cref="KnowledgeOptions"/> from the "Knowledge" section, and the MiniLM embedder. Call
    /// <see cref="ContentStore.Load"/> once at start.
    /// </summary>
    public static IServiceCollection AddPainBotKnowledge(this IServiceCollection services)
    {
        services.AddOptions<KnowledgeOptions>()
            .BindConfiguration(KnowledgeOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<SafetyOptions>().BindConfiguration(SafetyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ITextEmbedder>(sp => new MiniLmEmbedder(sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value.EmbeddingPrecision));
        services.TryAddSingleton<KnowledgeService>();
        services.TryAddSingleton<IKnowledgeSearch>(sp => sp.GetRequiredService<KnowledgeService>());
        services.TryAddSingleton<ContentStore>();
        services.TryAddSingleton<IContentSource>(sp => sp.GetRequiredService<ContentStore>());
        return services;
    }
}
