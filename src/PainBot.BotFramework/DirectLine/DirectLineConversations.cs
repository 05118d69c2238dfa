using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PainBot.BotFramework.Schema;

namespace PainBot.BotFramework.DirectLine;

/// <summary>
/// The server side of Direct Line between the HTTP edge and the bot: opens conversations (greeting included),
/// stores the user's activities as the echo clients wait for, and stores the bot's replies after them.
/// </summary>
public sealed class DirectLineConversations(
    IDirectLineConversationStore store,
    IDirectLineBot bot,
    IOptions<DirectLineOptions> options,
    ILogger<DirectLineConversations> logger)
{
    /// <summary>The channel id of every activity on this service.</summary>
    public const string ChannelId = "directline";

    private readonly DirectLineOptions _options = options.Value;

    /// <summary>The activity store, for readers (polling and streams).</summary>
    public IDirectLineConversationStore Store => store;

    /// <summary>A new unguessable conversation id.</summary>
    public static string NewConversationId() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(18));

    /// <summary>A new user id, with the "dl_" prefix Direct Line uses for ids it assigns.</summary>
    public static string NewUserId() => "dl_" + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(12));

    /// <summary>Opens the conversation if it is new, and stores the bot's greeting.</summary>
    public async Task<CreateConversationResult> StartAsync(string conversationId, string userId, string? locale, CancellationToken cancellationToken)
    {
        var result = await store.CreateAsync(conversationId, userId, cancellationToken).ConfigureAwait(false);
        if (result == CreateConversationResult.Full)
        {
            DirectLineLog.StoreFull(logger, _options.MaxConversations);
            return result;
        }

        if (result == CreateConversationResult.Created)
        {
            DirectLineLog.ConversationStarted(logger, conversationId);
            var user = new ChannelAccount { Id = userId, Role = "user" };
            var update = new Activity
            {
                Type = ActivityTypes.ConversationUpdate,
                ChannelId = ChannelId,
                Conversation = new ConversationAccount { Id = conversationId },
                From = user,
                Recipient = BotAccount(),
                MembersAdded = [BotAccount(), new ChannelAccount { Id = userId }],
                Locale = locale,
                Timestamp = DateTime.UtcNow,
            };
            try
            {
                var replies = await bot.OnConversationStartedAsync(update, cancellationToken).ConfigureAwait(false);
                await StoreRepliesAsync(conversationId, user, null, replies, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed greeting should not stop the visitor from asking.
                DirectLineLog.BotFailed(logger, e, null, conversationId);
            }
        }

        return result;
    }

    /// <summary>Stores a client's activity (as the echo) and then the bot's replies to it.</summary>
    public async Task<PostActivityResult> PostAsync(string conversationId, Activity activity, DirectLineCaller caller, CancellationToken cancellationToken)
    {
        activity.ChannelId = ChannelId;
        activity.Conversation = new ConversationAccount { Id = conversationId };
        activity.From ??= new ChannelAccount();
        if (!caller.IsSecret)
        {
            // The token names the user; a client cannot speak as someone else.
            activity.From.Id = caller.UserId;
        }

        activity.From.Id ??= NewUserId();
        activity.From.Role = "user";
        activity.Recipient = BotAccount();
        activity.ServiceUrl = null;

        var echo = await store.AppendAsync(conversationId, activity, cancellationToken).ConfigureAwait(false);
        if (echo is null)
        {
            return new PostActivityResult(null, false);
        }

        try
        {
            // The store hands out copies, so the bot cannot change what clients receive as the echo.
            var replies = await bot.OnActivityAsync(echo, cancellationToken).ConfigureAwait(false);
            await StoreRepliesAsync(conversationId, echo.From!, echo.Id, replies, cancellationToken).ConfigureAwait(false);
            return new PostActivityResult(echo, false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            DirectLineLog.BotFailed(logger, e, echo.Id, conversationId);
            return new PostActivityResult(echo, true);
        }
    }

    private async Task StoreRepliesAsync(string conversationId, ChannelAccount user, string? replyToId, IReadOnlyList<Activity> replies, CancellationToken cancellationToken)
    {
        foreach (var reply in replies)
        {
            reply.ChannelId = ChannelId;
            reply.Conversation = new ConversationAccount { Id = conversationId };
            reply.From = BotAccount();
            reply.Recipient = new ChannelAccount { Id = user.Id, Name = user.Name, Role = "user" };
            reply.ReplyToId ??= replyToId;
            reply.ServiceUrl = null;
            await store.AppendAsync(conversationId, reply, cancellationToken).ConfigureAwait(false);
        }
    }

    private ChannelAccount BotAccount() => new() { Id = _options.BotId, Name = _options.BotName, Role = "bot" };
}
