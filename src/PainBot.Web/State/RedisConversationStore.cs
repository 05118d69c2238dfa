using System.Text.Json;
using Microsoft.Extensions.Options;
using PainBot.Core.Conversation;
using PainBot.Core.Dialog;
using PainBot.Core.Knowledge;
using StackExchange.Redis;

namespace PainBot.Web.State;

/// <summary>
/// Conversation state in Redis, shared by every instance: one key per conversation holding the state as encrypted
/// JSON, expiring after <c>Dialog:ConversationExpiryMinutes</c> of silence (Redis drops it; nothing to sweep).
/// </summary>
public sealed class RedisConversationStore(RedisConnection redis, StateProtector protector, IOptions<DialogOptions> options, TimeProvider time) : IConversationStore
{
    private readonly TimeSpan _expiry = TimeSpan.FromMinutes(options.Value.ConversationExpiryMinutes);

    /// <inheritdoc/>
    public async ValueTask<ConversationState> GetOrCreateAsync(string conversationId, Audience audience, CancellationToken cancellationToken = default)
    {
        var key = Key(conversationId);
        var database = await redis.DatabaseAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        var payload = await database.StringGetAsync(key).WaitAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (payload.HasValue && protector.Unprotect((byte[])payload!, key) is { } json)
        {
            var stored = JsonSerializer.Deserialize(json, StateJson.Default.StoredConversation);
            if (stored is not null && string.Equals(stored.Id, conversationId, StringComparison.Ordinal) && now - stored.LastSeen <= _expiry)
            {
                return stored.ToState();
            }
        }

        return new ConversationState(conversationId, audience) { LastSeen = now };
    }

    /// <inheritdoc/>
    public async ValueTask SaveAsync(ConversationState state, CancellationToken cancellationToken = default)
    {
        state.LastSeen = time.GetUtcNow();
        var key = Key(state.Id);
        var json = JsonSerializer.SerializeToUtf8Bytes(StoredConversation.From(state), StateJson.Default.StoredConversation);
        var database = await redis.DatabaseAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        await database.StringSetAsync(key, protector.Protect(json, key), _expiry).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<bool> DeleteAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var database = await redis.DatabaseAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        return await database.KeyDeleteAsync(Key(conversationId)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private string Key(string conversationId) => redis.Prefix + "state:" + conversationId;
}
