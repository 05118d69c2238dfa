using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PainBot.Core.Knowledge;
using PainBot.Core.Safety;
using PainBot.Knowledge.Embeddings;
using PainBot.Knowledge.Screening;

namespace PainBot.Knowledge;

/// <summary>Registration of the knowledge base and its search.</summary>
public static partial class KnowledgeServiceCollectionExtensions
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

        // The crisis screen behind the safety rules, when the knowledge folder has examples and the encoder is on.
        services.TryAddSingleton<ICrisisScreen>(sp =>
        {
            var knowledge = sp.GetRequiredService<KnowledgeService>();
            var logger = sp.GetRequiredService<ILogger<CrisisScreen>>();
            var file = CrisisScreenFile.Load(KnowledgeOptions.Resolve(sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value.Path));
            if (file is null || !knowledge.CanEmbedQuestions)
            {
                LogScreenOff(logger, file is null ? $"no {CrisisScreenFile.RelativePath}" : "Knowledge:Dense is off");
                return NoScreen.Instance;
            }

            return new CrisisScreen(knowledge, file, logger);
        });
        return services;
    }

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Crisis screen off ({Reason}): only the crisis rules recognise crisis")]
    private static partial void LogScreenOff(ILogger logger, string reason);

    private sealed class NoScreen : ICrisisScreen
    {
        public static readonly NoScreen Instance = new();

        public bool Flags(string text) => false;
    }
}
