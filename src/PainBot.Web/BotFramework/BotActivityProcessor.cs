using System.Text.Json;
using Microsoft.Extensions.Options;
using PainBot.BotFramework.Schema;
using PainBot.BotFramework.Teams;
using PainBot.Core.Composition;
using PainBot.Core.Knowledge;
using PainBot.Web.Channels;

namespace PainBot.Web.BotFramework;

/// <summary>
/// One Bot Framework turn: decides what an activity of each type deserves and hands replies to a sender (the
/// connector, or a buffer for expectReplies). Channel quirks live here: the Teams mention, audience, Markdown
/// subset, size limit and where suggested actions may appear. When answers come from a language model, typing is
/// sent before the turn and repeated while it runs; expectReplies keeps its single typing activity first.
/// </summary>
public sealed class BotActivityProcessor(ActivityTurnHandler turns, ChannelFeedback feedback, IAnswerComposer composer, IOptions<BotFrameworkOptions> options, TimeProvider timeProvider)
{
    /// <summary>How often typing is repeated while a slow answer is composed (channels show it for ~3 s).</summary>
    public static readonly TimeSpan TypingInterval = TimeSpan.FromSeconds(3);

    private static readonly JsonElement HealthCheckBody = JsonSerializer.SerializeToElement(
        new { healthResults = new { success = true, messages = new[] { "Health check succeeded." } } });

    /// <summary>
    /// Processes <paramref name="incoming"/>, sending replies through <paramref name="send"/>. Returns the invoke
    /// response for an invoke activity (null when the invoke is not handled), null for every other type.
    /// </summary>
    /// <param name="incoming">The authenticated activity.</param>
    /// <param name="send">Delivers one outgoing activity.</param>
    /// <param name="buffered">True when replies are collected for expectReplies: typing is then sent once, first, not repeated.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<InvokeResponse?> ProcessAsync(Activity incoming, Func<Activity, CancellationToken, Task> send, bool buffered, CancellationToken cancellationToken)
    {
        switch (incoming.Type)
        {
            case ActivityTypes.Message:
                await OnMessageAsync(incoming, send, buffered, cancellationToken).ConfigureAwait(false);
                return null;
            case ActivityTypes.ConversationUpdate:
                if (ShouldWelcome(incoming))
                {
                    await SendAllAsync(incoming, [WelcomeFor(incoming)], send, cancellationToken).ConfigureAwait(false);
                }

                return null;
            case ActivityTypes.Invoke when ChannelFeedback.IsSubmitActionFeedback(incoming):
                return await feedback.OnSubmitActionAsync(incoming, cancellationToken).ConfigureAwait(false);
            case ActivityTypes.Invoke:
                return string.Equals(incoming.Name, "healthCheck", StringComparison.Ordinal) ? new InvokeResponse(200, HealthCheckBody) : null;
            case ActivityTypes.Event when ChannelFeedback.IsWebChatFeedback(incoming):
                // Web Chat keeps the pressed thumb itself and expects no reply.
                await feedback.OnWebChatEventAsync(incoming, cancellationToken).ConfigureAwait(false);
                return null;
            default:
                // typing, endOfConversation, events by name we do not know, installationUpdate, and types we do
                // not know are acknowledged and ignored (A2014, A5002). Conversation state expires on its own.
                return null;
        }
    }

    /// <summary>
    /// Whether a conversationUpdate deserves the welcome: when members other than the bot join; on Teams also when
    /// the bot itself is added (a team or group chat gets an introduction), but not for every person joining a team.
    /// </summary>
    public static bool ShouldWelcome(Activity incoming)
    {
        if (incoming.MembersAdded is not { Count: > 0 } added)
        {
            return false;
        }

        var botId = incoming.Recipient?.Id;
        var botAdded = added.Any(m => string.Equals(m.Id, botId, StringComparison.Ordinal));
        var othersAdded = added.Any(m => !string.Equals(m.Id, botId, StringComparison.Ordinal));
        if (string.Equals(incoming.ChannelId, ChannelIds.Msteams, StringComparison.Ordinal))
        {
            return botAdded || (othersAdded && incoming.IsPersonalConversation());
        }

        return othersAdded;
    }

    private async Task OnMessageAsync(Activity incoming, Func<Activity, CancellationToken, Task> send, bool buffered, CancellationToken cancellationToken)
    {
        var isTeams = string.Equals(incoming.ChannelId, ChannelIds.Msteams, StringComparison.Ordinal);
        var text = isTeams ? incoming.TextWithoutRecipientMention() : (incoming.Text ?? string.Empty).Trim();
        if (text.Length == 0)
        {
            // A bare mention or a card submit without text: say what the bot can do.
            await SendAllAsync(incoming, [WelcomeFor(incoming)], send, cancellationToken).ConfigureAwait(false);
            return;
        }

        var audience = isTeams ? options.Value.TeamsAudienceValue : Audience.Patient;
        // With a model, typing before the turn starts, so the channel shows it while the answer is on its way.
        if (buffered || composer.UsesLanguageModel)
        {
            await TypingAsync(incoming, send, cancellationToken).ConfigureAwait(false);
        }

        var answer = turns.OnMessageAsync(incoming, text, audience, cancellationToken);
        if (!buffered && composer.UsesLanguageModel)
        {
            while (await Task.WhenAny(answer, Task.Delay(TypingInterval, timeProvider, cancellationToken)).ConfigureAwait(false) != answer)
            {
                await TypingAsync(incoming, send, cancellationToken).ConfigureAwait(false);
            }
        }

        var replies = await answer.ConfigureAwait(false);
        await SendAllAsync(incoming, replies, send, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendAllAsync(Activity incoming, IEnumerable<Activity> replies, Func<Activity, CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        foreach (var reply in replies)
        {
            foreach (var part in ForChannel(incoming, reply))
            {
                await send(part, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private Activity WelcomeFor(Activity incoming)
    {
        var welcome = turns.Welcome(incoming);

        // The SDK does not reply to a Direct Line / Web Chat conversationUpdate: it has no activity to thread under.
        if (string.Equals(incoming.Type, ActivityTypes.ConversationUpdate, StringComparison.Ordinal)
            && incoming.ChannelId is ChannelIds.Directline or ChannelIds.Webchat)
        {
            welcome.ReplyToId = null;
        }

        return welcome;
    }

    /// <summary>Adapts a reply to the channel: on Teams, the Markdown subset, split under the size limit, suggestions only in personal chats.</summary>
    private IEnumerable<Activity> ForChannel(Activity incoming, Activity reply)
    {
        if (!string.Equals(incoming.ChannelId, ChannelIds.Msteams, StringComparison.Ordinal) || reply.Type != ActivityTypes.Message)
        {
            yield return reply;
            yield break;
        }

        var suggestions = incoming.IsPersonalConversation() ? reply.SuggestedActions : null;
        var parts = TeamsMessageSplitter.Split(TeamsMarkdown.Convert(reply.Text ?? string.Empty), options.Value.TeamsMaxMessageCharacters);
        for (var i = 0; i < parts.Count; i++)
        {
            var last = i == parts.Count - 1;
            yield return new Activity
            {
                Type = reply.Type,
                ChannelId = reply.ChannelId,
                ServiceUrl = reply.ServiceUrl,
                Conversation = reply.Conversation,
                From = reply.From,
                Recipient = reply.Recipient,
                Locale = reply.Locale,
                ReplyToId = reply.ReplyToId,
                Text = parts[i],
                TextFormat = reply.TextFormat,
                InputHint = last ? reply.InputHint : InputHints.IgnoringInput,
                SuggestedActions = last ? suggestions : null,
                Attachments = last ? reply.Attachments : null,
                ChannelData = reply.ChannelData,
            };
        }
    }

    private static Activity Typing(Activity incoming) => incoming.CreateReply(ActivityTypes.Typing);

    /// <summary>Typing is only an indicator: a channel refusing it must not cost the person their answer.</summary>
    private static async Task TypingAsync(Activity incoming, Func<Activity, CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        try
        {
            await send(Typing(incoming), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The reply that follows goes the same way; if the channel is really down, that send reports it.
        }
    }
}
