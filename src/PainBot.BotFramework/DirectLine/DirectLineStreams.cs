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
        Registered?.Invoke(conversationId);
        return mine;
    }

    /// <summary>Raised when a socket registers, so a shared store can close older sockets of the conversation on other instances.</summary>
    public event Action<string>? Registered;

    /// <summary>Closes this instance's socket of the conversation, if any (a newer one opened on another instance).</summary>
    public void Close(string conversationId)
    {
        if (_open.TryRemove(conversationId, out var older))
        {
            older.Cancel();
        }
    }

    /// <summary>Forgets a socket when it closes, unless a newer one already took its place.</summary>
    public void Unregister(string conversationId, CancellationTokenSource mine) =>
        _open.TryRemove(new KeyValuePair<string, CancellationTokenSource>(conversationId, mine));
}
