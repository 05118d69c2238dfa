using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PainBot.Core.Composition;
using PainBot.Core.Conversation;
using PainBot.Core.Dialog;
using PainBot.Core.Knowledge;
using PainBot.Core.Safety;
using PainBot.Core.Scope;

namespace PainBot.Core;

/// <summary>Registration of the channel-neutral assistant.</summary>
public static class CoreServiceCollectionExtensions
{
    /// <summary>Adds the clinic facts (section "Clinic"), validated at start.</summary>
    public static IServiceCollection AddPainBotCore(this IServiceCollection services)
    {
        services.AddOptions<ClinicOptions>()
            .BindConfiguration(ClinicOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }

    /// <summary>
    /// Adds the dialog manager, the extractive composer (unless another <see cref="IAnswerComposer"/> is
    /// registered first) and in-memory conversation state. The content (safety, scope, reply texts, passages)
    /// comes from the registered <see cref="Content.IContentSource"/>, one snapshot per turn.
    /// </summary>
    public static IServiceCollection AddPainBotDialog(this IServiceCollection services)
    {
        services.AddOptions<DialogOptions>().BindConfiguration(DialogOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SafetyOptions>().BindConfiguration(SafetyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAnswerComposer, ExtractiveComposer>();
        services.TryAddSingleton<IConversationStore, InMemoryConversationStore>();
        services.TryAddSingleton<IUnansweredQuestionLog, InMemoryUnansweredQuestionLog>();
        services.TryAddSingleton<DialogManager>();
        return services;
    }
}
