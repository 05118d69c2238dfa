using System.Text.Json;
using PainBot.BotFramework.Schema;
using PainBot.Core.Content;
using PainBot.Core.Dialog;
using PainBot.Core.Knowledge;
using PainBot.Core.Safety;

namespace PainBot.Web.Channels;

/// <summary>
/// The edge between the Bot Framework protocol and the dialog manager: an incoming activity becomes a
/// <see cref="UserTurn"/>, and the turn's replies become message activities with Markdown text, suggested
/// actions, and channelData telling clients how to style them (escalations look different).
/// </summary>
public sealed class ActivityTurnHandler(DialogManager dialog, IContentSource content, IReadOnlyDictionary<string, string> placeholders)
{
    /// <summary>Replies to a message activity.</summary>
    public async Task<IReadOnlyList<Activity>> OnMessageAsync(Activity incoming, string text, Audience audience, CancellationToken cancellationToken)
    {
        var turn = new UserTurn(ChannelIdentity.ConversationId(incoming), ChannelIdentity.UserId(incoming), text, incoming.ChannelId ?? "unknown", audience, incoming.Locale ?? "en-US");
        var result = await dialog.HandleAsync(turn, cancellationToken).ConfigureAwait(false);
        return [.. result.Replies.Select(r => ToActivity(incoming, r, result))];
    }

    /// <summary>The welcome message for a new member.</summary>
    public Activity Welcome(Activity incoming) =>
        Reply(incoming, content.Current.Texts.Render(ResponseKeys.Welcome, placeholders), content.Current.Policy.StarterSuggestions, "welcome", "none", []);

    private static Activity ToActivity(Activity incoming, BotReply reply, TurnResult result) =>
        Reply(
            incoming,
            reply.Markdown,
            reply.Suggestions,
            reply.Kind.ToString().ToLowerInvariant(),
            reply.Level.ToWire(),
            [.. reply.Citations.Select(c => new { number = c.Number, id = c.PassageId, title = c.Title, topic = c.Topic })],
            result.Handoff,
            feedback: reply.Kind == ReplyKind.Answer);

    private static Activity Reply(Activity incoming, string text, IReadOnlyList<string> suggestions, string kind, string level, object[] citations, bool handoff = false, bool feedback = false)
    {
        var reply = incoming.CreateReply(ActivityTypes.Message);
        reply.Locale = incoming.Locale;
        reply.Text = text;
        reply.TextFormat = "markdown";
        reply.InputHint = "acceptingInput";
        reply.SuggestedActions = suggestions.Count == 0 ? null : new SuggestedActions
        {
            Actions = [.. suggestions.Select(s => new CardAction { Type = "imBack", Title = s, Value = JsonSerializer.SerializeToElement(s) })],
        };
        var painbot = new { kind, level, citations, handoff };
        var teams = string.Equals(incoming.ChannelId, ChannelIds.Msteams, StringComparison.Ordinal);

        // Answers ask for feedback the channel's own way: Teams' feedback loop, Web Chat's like/dislike actions.
        reply.ChannelData = feedback && teams
            ? JsonSerializer.SerializeToElement(new { painbot, feedbackLoopEnabled = true })
            : JsonSerializer.SerializeToElement(new { painbot });
        if (feedback && !teams)
        {
            reply.Entities = [ChannelFeedback.WebChatFeedbackEntity(incoming.Id)];
        }

        return reply;
    }
}
