using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PainBot.Core.Knowledge;
using PainBot.Knowledge;
using PainBot.Knowledge.Embeddings;

namespace PainBot.Benchmarks;

internal static class BenchSupport
{
    /// <summary>Questions of the kinds patients and staff ask, written for the benchmark (not an evaluation set).</summary>
    public static readonly string[] Queries =
    [
        "does acupuncture help sciatica",
        "is it safe to crack my neck at a chiropractor",
        "what foods reduce inflammation in my joints",
        "how long before yoga helps my back",
        "can I take turmeric with my blood thinner",
        "what does a CBT session for pain look like",
        "does insurance cover massage therapy",
        "ice or heat for a flare up",
        "tips to sleep better with fibromyalgia",
        "what should I ask my provider before starting",
        "my feet burn at night from diabetes what helps",
        "how do I keep a pain diary",
        "what is tai chi and is it good for arthritis",
        "explain our integrative model to a referring physician",
        "are opioids addictive",
        "migraine prevention without more pills",
    ];

    public static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "PainBot.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("run the benchmarks from inside the repository");
    }

    public static KnowledgeService Service(string knowledgePath, ITextEmbedder? embedder, string? cache, bool dense = true, FusionMethod fusion = FusionMethod.Weighted) =>
        new(
            Options.Create(new KnowledgeOptions { Path = knowledgePath, EmbeddingCachePath = cache, Dense = dense, WatchForChanges = false, QueryEmbeddingCacheSize = 0, Fusion = fusion }),
            Options.Create(new ClinicOptions()),
            NullLogger<KnowledgeService>.Instance,
            embedder);
}
