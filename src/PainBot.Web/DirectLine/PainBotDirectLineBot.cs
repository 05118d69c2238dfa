using PainBot.BotFramework.DirectLine;
using PainBot.BotFramework.Schema;
using PainBot.Web.BotFramework;

namespace PainBot.Web.DirectLine;

/// <summary>
/// PainBot behind the built-in Direct Line: every activity goes through the same <see cref="BotActivityProcessor"/>
/// as <c>/api/messages</c> (one turn handler for every channel, as in the Bot Framework SDK), with the replies
/// collected for the Direct Line store instead of posted to a connector. Typing (sent when a language model
/// composes the answers) goes into the conversation at once, so Web Chat shows it while the answer is on its way;
/// the website's visitors are patients (a client cannot claim to be staff).
/// </summary>
public sealed class PainBotDirectLineBot(BotActivityProcessor processor, IDirectLineConversationStore store) : IDirectLineBot
{
    /// <inheritdoc/>
    public Task<IReadOnlyList<Activity>> OnConversationStartedAsync(Activity conversationUpdate, CancellationToken cancellationToken) =>
        ProcessAsync(conversationUpdate, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<Activity>> OnActivityAsync(Activity activity, CancellationToken cancellationToken) =>
        ProcessAsync(activity, cancellationToken);

    private async Task<IReadOnlyList<Activity>> ProcessAsync(Activity activity, CancellationToken cancellationToken)
    {
        var replies = new List<Activity>();
        await processor.ProcessAsync(
            activity,
            async (reply, ct) =>
            {
                if (reply.Type == ActivityTypes.Typing && reply.Conversation?.Id is { } conversationId)
                {
                    await store.AppendAsync(conversationId, reply, ct).ConfigureAwait(false);
                    return;
                }

                replies.Add(reply);
            },
            buffered: false,
            cancellationToken).ConfigureAwait(false);
        return replies;
    }
}
