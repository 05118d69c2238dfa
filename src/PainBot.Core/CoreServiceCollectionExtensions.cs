using Microsoft.Extensions.DependencyInjection;
using PainBot.Core.Knowledge;

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
}
