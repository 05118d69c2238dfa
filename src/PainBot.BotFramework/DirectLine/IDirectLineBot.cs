using PainBot.BotFramework.Schema;

namespace PainBot.BotFramework.DirectLine;

/// <summary>
/// The bot behind the built-in Direct Line, called in process (the hosted service would POST to the bot's
/// messaging endpoint; here both live in one host, so there is no hop and no token to mint).
/// </summary>
public interface IDirectLineBot
{
    /// <summary>A conversation was opened: <paramref name="conversationUpdate"/> has membersAdded [bot, user]. Returns the greeting, if any.</summary>
    Task<IReadOnlyList<Activity>> OnConversationStartedAsync(Activity conversationUpdate, CancellationToken cancellationToken);

    /// <summary>A user's activity, already stored with its id. Returns the replies; their ids and timestamps are set by the store.</summary>
    Task<IReadOnlyList<Activity>> OnActivityAsync(Activity activity, CancellationToken cancellationToken);
}
