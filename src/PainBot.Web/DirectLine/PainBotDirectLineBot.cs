using PainBot.BotFramework.DirectLine;
using PainBot.BotFramework.Schema;
using PainBot.Core.Knowledge;
using PainBot.Web.Channels;

namespace PainBot.Web.DirectLine;

/// <summary>
/// PainBot behind the built-in Direct Line: the website's visitors are patients (a client cannot claim to be
/// staff), they are greeted when the conversation opens, and each message becomes one turn.
/// </summary>
public sealed class PainBotDirectLineBot(ActivityTurnHandler handler) : IDirectLineBot
{
    /// <inheritdoc/>
    public Task<IReadOnlyList<Activity>> OnConversationStartedAsync(Activity conversationUpdate, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Activity>>([handler.Welcome(conversationUpdate)]);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Activity>> OnActivityAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.Type != ActivityTypes.Message || string.IsNullOrWhiteSpace(activity.Text))
        {
            return [];
        }

        return await handler.OnMessageAsync(activity, activity.Text.Trim(), Audience.Patient, cancellationToken).ConfigureAwait(false);
    }
}
