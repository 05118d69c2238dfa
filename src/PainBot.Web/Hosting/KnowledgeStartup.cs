using PainBot.Knowledge;

namespace PainBot.Web.Hosting;

/// <summary>Loads and indexes the knowledge before the host accepts traffic, then watches it for edits.</summary>
public sealed class KnowledgeStartup(KnowledgeService knowledge) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Throws on invalid knowledge: the host then refuses to start rather than serve partial content.
        knowledge.Load();
        knowledge.StartWatching();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
