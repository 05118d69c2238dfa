using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PainBot.Core.Knowledge;
using PainBot.Knowledge;
using PainBot.Knowledge.Embeddings;

namespace PainBot.Cli.Commands;

/// <summary><c>index [--out DIR]</c>: builds the on-disk Lucene index and warms the embedding cache, with progress.</summary>
internal sealed class IndexCommand(IOptions<KnowledgeOptions> options, IOptions<ClinicOptions> clinic, ITextEmbedder embedder, TextWriter status)
{
    public int Run(CommandLine cmd)
    {
        cmd.RejectUnknown("--out");
        var o = options.Value;
        var target = Path.GetFullPath(cmd.Value("--out") ?? o.IndexPath ?? Path.Combine("data", "index"));
        var configured = KnowledgeOptions.Resolved(o);
        configured.IndexPath = target;
        configured.WatchForChanges = false;
        using var service = new KnowledgeService(Options.Create(configured), clinic, NullLogger<KnowledgeService>.Instance, embedder);
        var report = service.Load(new SynchronousProgress(p => DrawBar(p.Done, p.Total)));
        status.WriteLine();
        status.WriteLine($"Indexed {report.Passages} passages ({report.Vectors} vectors, {report.VectorsComputed} computed, the rest from the cache) in {report.Elapsed.TotalSeconds:0.0} s.");
        status.WriteLine($"Index written to {target}");
        return 0;
    }

    private void DrawBar(int done, int total)
    {
        const int width = 30;
        var filled = total == 0 ? width : done * width / total;
        status.Write($"\rEmbedding passages [{new string('#', filled)}{new string('-', width - filled)}] {done}/{total}");
    }

    /// <summary>Reports on the calling thread, so the bar is drawn in order.</summary>
    private sealed class SynchronousProgress(Action<(int Done, int Total)> report) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => report(value);
    }
}
