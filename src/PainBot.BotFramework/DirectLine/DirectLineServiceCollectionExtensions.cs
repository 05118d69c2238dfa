using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PainBot.BotFramework.DirectLine;

/// <summary>Registration of the built-in Direct Line 3.0 service.</summary>
public static class DirectLineServiceCollectionExtensions
{
    /// <summary>
    /// Adds validated <see cref="DirectLineOptions"/> from the "DirectLine" section, the token service, the
    /// in-memory activity store (unless another <see cref="IDirectLineConversationStore"/> is registered first) and
    /// idle-conversation clean-up. The host registers its <see cref="IDirectLineBot"/>.
    /// </summary>
    public static IServiceCollection AddDirectLineProtocol(this IServiceCollection services)
    {
        services.AddOptions<DirectLineOptions>()
            .BindConfiguration(DirectLineOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(
                o => o.Secret.Length == 0 || o.Secret.Length >= 32,
                "DirectLine:Secret must be empty (generated at start) or at least 32 characters.")
            .Validate(
                o => o.AllowedOrigins.All(IsOrigin),
                "DirectLine:AllowedOrigins must hold origins such as https://www.example-clinic.org (scheme and host, no path).")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DirectLineTokens>();
        services.TryAddSingleton<IDirectLineConversationStore, InMemoryDirectLineConversationStore>();
        services.TryAddSingleton<DirectLineConversations>();
        services.TryAddSingleton<DirectLineStreams>();
        services.AddHostedService<DirectLineMaintenance>();
        return services;
    }

    private static bool IsOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.AbsolutePath == "/" && !origin.EndsWith('/') && string.IsNullOrEmpty(uri.Query);
}
