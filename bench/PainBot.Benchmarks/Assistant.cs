using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PainBot.Core;
using PainBot.Core.Dialog;
using PainBot.Core.Safety;
using PainBot.Knowledge;

namespace PainBot.Benchmarks;

/// <summary>The assistant wired as the hosts wire it, without a language model.</summary>
internal sealed class Assistant : IDisposable
{
    private readonly ServiceProvider _provider;

    public Assistant()
    {
        var root = BenchSupport.RepoRoot();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Knowledge:Path"] = Path.Combine(root, "knowledge"),
            ["Knowledge:EmbeddingCachePath"] = Path.Combine(root, "data", "cache"),
            ["Knowledge:WatchForChanges"] = "false",

            // Measure the real cost of every question: the benchmark repeats its questions.
            ["Knowledge:QueryEmbeddingCacheSize"] = "0",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(config);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddPainBotCore();
        services.AddPainBotKnowledge();
        services.AddPainBotDialog();
        _provider = services.BuildServiceProvider();
        Content = _provider.GetRequiredService<ContentStore>();
        Triage = Content.Load().Triage;
        Dialog = _provider.GetRequiredService<DialogManager>();
        Rules = new SafetyTriage(SafetyRuleLoader.Load(Path.Combine(root, "knowledge", "safety")), new SafetyOptions());
    }

    public DialogManager Dialog { get; }

    /// <summary>The content store the dialog takes its snapshot from.</summary>
    public ContentStore Content { get; }

    /// <summary>Triage as the hosts wire it: the rules, then the crisis screen.</summary>
    public ISafetyTriage Triage { get; }

    /// <summary>The same rules without the crisis screen.</summary>
    public SafetyTriage Rules { get; }

    public void Dispose() => _provider.Dispose();
}
