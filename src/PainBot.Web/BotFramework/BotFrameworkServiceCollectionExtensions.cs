using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PainBot.BotFramework.Authentication;
using PainBot.BotFramework.Connector;
using PainBot.Web.Channels;

namespace PainBot.Web.BotFramework;

/// <summary>Registers the Bot Framework adapter.</summary>
public static class BotFrameworkServiceCollectionExtensions
{
    /// <summary>Options, token validation, outbound tokens, the connector client and the turn processor for <c>/api/messages</c>.</summary>
    public static IServiceCollection AddPainBotBotFramework(this IServiceCollection services)
    {
        services.AddOptions<BotFrameworkOptions>()
            .BindConfiguration(BotFrameworkOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddHttpClient(BotFrameworkHttpClients.Metadata, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddHttpClient(BotFrameworkHttpClients.Token, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddHttpClient(BotFrameworkHttpClients.Connector, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<BotFrameworkOptions>>().Value;
            return new BotTokenValidator(
                new BotAuthenticationSettings(o.MicrosoftAppId?.Trim(), o.OpenIdMetadataUrl, o.EmulatorOpenIdMetadataUrl),
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(BotFrameworkHttpClients.Metadata),
                sp.GetRequiredService<ILogger<BotTokenValidator>>());
        });
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<BotFrameworkOptions>>().Value;
            return new BotAccessTokenProvider(
                new BotCredentials(o.MicrosoftAppId?.Trim(), o.MicrosoftAppPassword, o.ResolveTokenEndpoint(), o.OAuthScope),
                sp.GetRequiredService<IHttpClientFactory>(),
                BotFrameworkHttpClients.Token,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<BotAccessTokenProvider>>());
        });
        services.AddSingleton(sp => new BotConnectorClient(
            sp.GetRequiredService<IHttpClientFactory>(),
            BotFrameworkHttpClients.Connector,
            sp.GetRequiredService<BotAccessTokenProvider>(),
            sp.GetRequiredService<ILogger<BotConnectorClient>>()));
        services.AddSingleton<ChannelFeedback>();
        services.AddSingleton<BotActivityProcessor>();
        services.AddSingleton<BotMessagesEndpoint>();
        services.AddHostedService<BotFrameworkStartupCheck>();
        return services;
    }
}
