using PainBot.Knowledge;

namespace PainBot.Web.Hosting;

/// <summary>
/// Builds the whole content snapshot (passages, safety, scope, reply texts, encoder warmed) before the host
/// accepts traffic, then watches the folder for edits.
/// </summary>
public sealed class KnowledgeStartup(ContentStore content) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Throws on any invalid knowledge file: the host then refuses to start rather than serve partial content.
        content.Load();
        content.StartWatching();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
