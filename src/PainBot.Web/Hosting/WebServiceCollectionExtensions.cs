using Microsoft.Extensions.Options;
using PainBot.Analytics;
using PainBot.Core;
using PainBot.Core.Content;
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
        services.AddPainBotDialog();
        services.AddHostedService<KnowledgeStartup>();

        // Turns, unanswered questions and "forget me" go to the analytics store (a SQLite file under data/ beside
        // the knowledge folder unless configured), written off the turn's path.
        services.AddPainBotAnalytics(KnowledgeOptions.DataRoot).AddPainBotAnalyticsRecording();
        services.AddSingleton(sp =>
        {
            var placeholders = ReplyPlaceholders.From(
                sp.GetRequiredService<IOptions<ClinicOptions>>().Value,
                sp.GetRequiredService<IOptions<SafetyOptions>>().Value);
            return new ActivityTurnHandler(sp.GetRequiredService<DialogManager>(), sp.GetRequiredService<IContentSource>(), placeholders);
        });
        return services;
    }
}
