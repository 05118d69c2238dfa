using Microsoft.Extensions.Options;
using PainBot.Core;
using PainBot.Core.Dialog;
using PainBot.Core.Knowledge;
using PainBot.Core.Safety;
using PainBot.Generation;
using PainBot.Knowledge;
using PainBot.Web.Channels;

namespace PainBot.Web.Hosting;

/// <summary>Everything the host needs, in one call.</summary>
public static class WebServiceCollectionExtensions
{
    public static IServiceCollection AddPainBotAssistant(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPainBotCore();
        services.AddPainBotKnowledge();

        // Before the dialog: when a language model is configured its verifying composer replaces the extractive default.
        services.AddPainBotGeneration(configuration);
        services.AddPainBotDialog(sp => KnowledgeOptions.Resolve(sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value.Path));
        services.AddHostedService<KnowledgeStartup>();
        services.AddSingleton(sp =>
        {
            var placeholders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (k, v) in sp.GetRequiredService<IOptions<ClinicOptions>>().Value.Placeholders())
            {
                placeholders[k] = v;
            }

            foreach (var (k, v) in sp.GetRequiredService<IOptions<SafetyOptions>>().Value.Placeholders())
            {
                placeholders[k] = v;
            }

            return new ActivityTurnHandler(sp.GetRequiredService<DialogManager>(), sp.GetRequiredService<ResponseTexts>(), placeholders);
        });
        return services;
    }
}
