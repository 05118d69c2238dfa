using PainBot.Core.Dialog;
using PainBot.Knowledge;

namespace PainBot.Web.Hosting;

/// <summary>
/// Builds the whole content snapshot (passages, safety, scope, reply texts, encoder warmed) and warms the turn
/// path before the host accepts traffic (so /readyz answers only then), then watches the folder for edits.
/// </summary>
public sealed class KnowledgeStartup(ContentStore content, DialogManager dialog) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Throws on any invalid knowledge file: the host then refuses to start rather than serve partial content.
        content.Load();
        await dialog.WarmUpAsync(cancellationToken).ConfigureAwait(false);
        content.StartWatching();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
