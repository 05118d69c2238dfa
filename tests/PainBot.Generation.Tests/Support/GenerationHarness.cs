using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PainBot.Knowledge.Embeddings;

namespace PainBot.Generation.Tests.Support;

/// <summary>The generation services as the hosts register them, pointed at a <see cref="FakeModelServer"/>.</summary>
internal sealed class GenerationHarness : IDisposable
{
    private readonly ServiceProvider _provider;

    public GenerationHarness(string endpoint, int timeoutMs = 5000, int maxRetries = 2, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Generation:Enabled"] = "true",
            ["Generation:Endpoint"] = endpoint,
            ["Generation:Model"] = "test-model",
            ["Generation:TimeoutMilliseconds"] = timeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Generation:MaxRetries"] = maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Generation:RetryDelayMilliseconds"] = "20",
            ["Generation:PromptsPath"] = Repo.Prompts,
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
        {
            settings[k] = v;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<ITextEmbedder>(SharedEmbedder.Instance);
        services.AddPainBotGeneration();
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public GroundedComposer Composer => _provider.GetRequiredService<GroundedComposer>();

    public FollowUpCondenser Condenser => _provider.GetRequiredService<FollowUpCondenser>();

    public GenerationStats Stats => _provider.GetRequiredService<GenerationStats>();

    public void Dispose() => _provider.Dispose();
}
