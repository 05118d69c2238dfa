using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PainBot.Core.Dialog;
using PainBot.Core.Knowledge;

namespace PainBot.Core.Conversation;

/// <summary>Conversation state in this process, forgotten after a period of silence.</summary>
public sealed class InMemoryConversationStore(IOptions<DialogOptions> options, TimeProvider time) : IConversationStore
{
    private readonly ConcurrentDictionary<string, ConversationState> _states = new(StringComparer.Ordinal);
    private readonly TimeSpan _expiry = TimeSpan.FromMinutes(options.Value.ConversationExpiryMinutes);
    private long _lastSweep;

    /// <inheritdoc/>
    public ValueTask<ConversationState> GetOrCreateAsync(string conversationId, Audience audience, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        Sweep(now);
        if (_states.TryGetValue(conversationId, out var state) && now - state.LastSeen <= _expiry)
        {
            return ValueTask.FromResult(state);
        }

        return ValueTask.FromResult(new ConversationState(conversationId, audience) { LastSeen = now });
    }

    /// <inheritdoc/>
    public ValueTask SaveAsync(ConversationState state, CancellationToken cancellationToken = default)
    {
        state.LastSeen = time.GetUtcNow();
        _states[state.Id] = state;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<bool> DeleteAsync(string conversationId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_states.TryRemove(conversationId, out _));

    /// <summary>Number of conversations held (for tests and metrics).</summary>
    public int Count => _states.Count;

    private void Sweep(DateTimeOffset now)
    {
        // At most once a minute: drop expired conversations so memory stays bounded.
        var last = Interlocked.Read(ref _lastSweep);
        if (now.UtcTicks - last < TimeSpan.TicksPerMinute || Interlocked.CompareExchange(ref _lastSweep, now.UtcTicks, last) != last)
        {
            return;
        }

        foreach (var (id, state) in _states)
        {
            if (now - state.LastSeen > _expiry)
            {
                _states.TryRemove(id, out _);
            }
        }
    }
}
