using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using PainBot.BotFramework.Authentication;
using PainBot.BotFramework.Connector;
using PainBot.Web.Channels;
using Polly;

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

        services.AddHttpClient(BotFrameworkHttpClients.Metadata, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddHttpClient(BotFrameworkHttpClients.Token, c => c.Timeout = TimeSpan.FromSeconds(30));

        // Replies are posted after the request was acknowledged: a connector's brief failure (408, 429, 5xx, a
        // dropped connection) is retried with backoff, honouring Retry-After, instead of losing the reply.
        services.AddHttpClient(BotFrameworkHttpClients.Connector, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("connector", pipeline => pipeline
                .AddTimeout(TimeSpan.FromSeconds(60))
                .AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 3,
                    Delay = TimeSpan.FromSeconds(1),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    MaxDelay = TimeSpan.FromSeconds(10),
                })
                .AddTimeout(TimeSpan.FromSeconds(20)));
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<BotFrameworkOptions>>().Value;
            return new BotTokenValidator(
                new BotAuthenticationSettings(o.MicrosoftAppId?.Trim(), o.OpenIdMetadataUrl, o.EmulatorOpenIdMetadataUrl),
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(BotFrameworkHttpClients.Metadata),
                sp.GetRequiredService<TimeProvider>(),
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
        services.AddSingleton<BackgroundTurns>();
        services.AddHostedService(sp => sp.GetRequiredService<BackgroundTurns>());
        services.AddSingleton<BotMessagesEndpoint>();
        services.AddHostedService<BotFrameworkStartupCheck>();
        return services;
    }
}
