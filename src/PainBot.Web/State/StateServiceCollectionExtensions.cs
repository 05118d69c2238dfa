using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PainBot.BotFramework.DirectLine;
using PainBot.Core.Conversation;
using StackExchange.Redis;

namespace PainBot.Web.State;

/// <summary>Registration of where conversation state and Direct Line streams live (State:Provider).</summary>
public static class StateServiceCollectionExtensions
{
    /// <summary>The Data Protection application name every instance shares when state is in Redis.</summary>
    public const string DataProtectionApplicationName = "PainBot";

    /// <summary>
    /// Adds validated <see cref="StateOptions"/> and, with <c>State:Provider=Redis</c>, the shared Redis stores (one
    /// connection, encrypted payloads, pub/sub notifications) and the "redis" readiness check. Either way "forget me"
    /// also drops the conversation's Direct Line activities. Call after the assistant and Direct Line registrations:
    /// it replaces their in-memory stores.
    /// </summary>
    public static IServiceCollection AddPainBotState(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StateOptions>()
            .BindConfiguration(StateOptions.SectionName)
            .Validate(o => o.IsKnownProvider, "State:Provider must be Memory or Redis.")
            .Validate(
                o => !o.UsesRedis || !string.IsNullOrWhiteSpace(o.Redis),
                "State:Redis (a StackExchange.Redis configuration string such as 'localhost:6379') is required when State:Provider is Redis.")
            .Validate(o => !o.UsesRedis || string.IsNullOrWhiteSpace(o.Redis) || IsRedisConfiguration(o.Redis), "State:Redis is not a valid StackExchange.Redis configuration string.")
            .Validate<IOptions<DirectLineOptions>>(
                (o, directLine) => !o.UsesRedis || !string.IsNullOrEmpty(directLine.Value.Secret),
                "DirectLine:Secret must be set when State:Provider is Redis: every instance must share it (it signs the tokens and encrypts what is stored in Redis).")
            .ValidateOnStart();

        // The provider picks implementations, so it is read here, as the generation settings are.
        var state = configuration.GetSection(StateOptions.SectionName).Get<StateOptions>() ?? new StateOptions();
        Func<IServiceProvider, IConversationStore> inner;
        if (state.UsesRedis)
        {
            services.TryAddSingleton<RedisConnection>();
            services.TryAddSingleton<StateProtector>();
            services.TryAddSingleton<RedisActivitySignals>();
            services.TryAddSingleton<RedisConversationStore>();
            services.TryAddSingleton<IConversationLock, RedisConversationLock>();
            services.RemoveAll<IDirectLineConversationStore>();
            services.AddSingleton<IDirectLineConversationStore, RedisDirectLineConversationStore>();
            services.AddHostedService<RedisStateStartup>();
            services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);

            // The staff cookie and antiforgery tokens are protected with Data Protection keys: shared through Redis
            // under one application name, a cookie issued by one instance is accepted by every other.
            services.AddDataProtection().SetApplicationName(DataProtectionApplicationName);
            // The repository asks for its database synchronously; only the first call waits for the connection.
            services.AddOptions<KeyManagementOptions>().Configure<RedisConnection>((o, redis) =>
                o.XmlRepository = new RedisXmlRepository(() => redis.GetAsync().GetAwaiter().GetResult().GetDatabase(), redis.Prefix + "data-protection-keys"));
            inner = sp => sp.GetRequiredService<RedisConversationStore>();
        }
        else
        {
            inner = sp => ActivatorUtilities.CreateInstance<InMemoryConversationStore>(sp);
        }

        services.RemoveAll<IConversationStore>();
        services.AddSingleton<IConversationStore>(sp => new ForgettingConversationStore(inner(sp), sp.GetRequiredService<IDirectLineConversationStore>()));
        return services;
    }

    private static bool IsRedisConfiguration(string value)
    {
        try
        {
            return ConfigurationOptions.Parse(value).EndPoints.Count > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
