using System.Collections.Concurrent;

namespace PainBot.BotFramework.DirectLine;

/// <summary>The open WebSocket per conversation on this instance: a newer socket replaces an older one ("collision").</summary>
public sealed class DirectLineStreams
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _open = new(StringComparer.Ordinal);

    /// <summary>Registers a socket; the returned source is cancelled when a newer socket for the conversation arrives.</summary>
    public CancellationTokenSource Register(string conversationId)
    {
        var mine = new CancellationTokenSource();
        _open.AddOrUpdate(conversationId, mine, (_, older) =>
        {
            older.Cancel();
            return mine;
        });
        return mine;
    }

    /// <summary>Forgets a socket when it closes, unless a newer one already took its place.</summary>
    public void Unregister(string conversationId, CancellationTokenSource mine) =>
        _open.TryRemove(new KeyValuePair<string, CancellationTokenSource>(conversationId, mine));
}
