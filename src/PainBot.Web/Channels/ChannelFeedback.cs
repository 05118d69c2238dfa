using System.Text.Json;
using PainBot.BotFramework.Schema;
using PainBot.Core.Analytics;
using PainBot.Core.Text;

namespace PainBot.Web.Channels;

/// <summary>
/// Feedback on answers, the way each channel's client asks for it and sends it back, recorded in the analytics
/// store with pseudonymous keys and a redacted reason.
/// <list type="bullet">
/// <item>Web Chat (4.18.1, <c>OthersActivityStatus</c>/<c>Feedback</c> in botframework-webchat-component) shows
/// thumbs up and down under a bot message whose entities hold a schema.org <c>Message</c> with <c>@id</c> "" and
/// <c>potentialAction</c> <c>LikeAction</c>/<c>DislikeAction</c>. A click posts an <c>event</c> named
/// <c>webchat:activity-status/feedback</c> whose only entity is the chosen action, as it was sent; it has no
/// field for a reason and expects no reply. The action carries the answer's reference in <c>object</c>.</item>
/// <item>Teams shows its feedback buttons when <c>channelData.feedbackLoopEnabled</c> is true and sends an
/// <c>invoke</c> named <c>message/submitAction</c> with <c>value.actionName</c> "feedback" and
/// <c>value.actionValue</c> <c>{reaction: like|dislike, feedback: "{\"feedbackText\":\"…\"}"}</c>, answered with
/// an invoke response 200. Later Web Chat versions send the same invoke, so it is accepted on every channel.</item>
/// </list>
/// </summary>
public sealed class ChannelFeedback(IAnalyticsStore store, TimeProvider time, ILogger<ChannelFeedback> logger)
{
    /// <summary>The name of Web Chat's feedback event.</summary>
    public const string WebChatEventName = "webchat:activity-status/feedback";

    /// <summary>The name of the Teams feedback invoke.</summary>
    public const string SubmitActionInvokeName = "message/submitAction";

    /// <summary>The longest reason kept (after redaction); longer ones are cut.</summary>
    public const int MaxReasonCharacters = 500;

    private const int MaxReferenceCharacters = 256;

    /// <summary>
    /// The entity that makes Web Chat show thumbs under an answer: a schema.org Message about the activity itself
    /// (<c>@id</c> ""), whose Like and Dislike actions name <paramref name="answerReference"/> (the id of the
    /// message the answer replies to: the answer's own id is only assigned when the channel stores it).
    /// </summary>
    public static Entity WebChatFeedbackEntity(string? answerReference)
    {
        object Action(string type, string name) => answerReference is null
            ? new Dictionary<string, object> { ["@type"] = type, ["name"] = name }
            : new Dictionary<string, object> { ["@type"] = type, ["name"] = name, ["object"] = new Dictionary<string, string> { ["@type"] = "Message", ["@id"] = answerReference } };

        return new Entity
        {
            Type = "https://schema.org/Message",
            Properties = new Dictionary<string, JsonElement>
            {
                ["@context"] = JsonSerializer.SerializeToElement("https://schema.org"),
                ["@id"] = JsonSerializer.SerializeToElement(string.Empty),
                ["@type"] = JsonSerializer.SerializeToElement("Message"),
                ["potentialAction"] = JsonSerializer.SerializeToElement(new[] { Action("LikeAction", "Helpful"), Action("DislikeAction", "Not helpful") }),
            },
        };
    }

    /// <summary>True for Web Chat's feedback event.</summary>
    public static bool IsWebChatFeedback(Activity activity) =>
        activity.Type == ActivityTypes.Event && string.Equals(activity.Name, WebChatEventName, StringComparison.Ordinal);

    /// <summary>True for a <c>message/submitAction</c> invoke whose action is feedback.</summary>
    public static bool IsSubmitActionFeedback(Activity activity) =>
        activity.Type == ActivityTypes.Invoke
        && string.Equals(activity.Name, SubmitActionInvokeName, StringComparison.Ordinal)
        && activity.Value is { ValueKind: JsonValueKind.Object } value
        && value.TryGetProperty("actionName", out var name)
        && name.ValueKind == JsonValueKind.String
        && string.Equals(name.GetString(), "feedback", StringComparison.Ordinal);

    /// <summary>Records Web Chat's feedback event; an event that names no Like or Dislike action is ignored.</summary>
    public async Task OnWebChatEventAsync(Activity activity, CancellationToken cancellationToken)
    {
        foreach (var entity in activity.Entities ?? [])
        {
            if (entity.Properties is not { } p || !p.TryGetValue("@type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            bool? helpful = type.GetString() switch
            {
                "LikeAction" => true,
                "DislikeAction" => false,
                _ => null,
            };
            if (helpful is null)
            {
                continue;
            }

            string? reference = null;
            if (p.TryGetValue("object", out var target) && target.ValueKind == JsonValueKind.Object
                && target.TryGetProperty("@id", out var id) && id.ValueKind == JsonValueKind.String)
            {
                reference = id.GetString();
            }

            await RecordAsync(activity, reference, helpful.Value, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        ChannelFeedbackLog.Malformed(logger, activity.ChannelId);
    }

    /// <summary>Records a <c>message/submitAction</c> feedback invoke and returns its invoke response.</summary>
    public async Task<InvokeResponse> OnSubmitActionAsync(Activity activity, CancellationToken cancellationToken)
    {
        var value = activity.Value!.Value;
        if (!value.TryGetProperty("actionValue", out var action) || action.ValueKind != JsonValueKind.Object
            || !action.TryGetProperty("reaction", out var reaction) || reaction.ValueKind != JsonValueKind.String
            || reaction.GetString() is not ("like" or "dislike"))
        {
            ChannelFeedbackLog.Malformed(logger, activity.ChannelId);
            return new InvokeResponse(400, JsonSerializer.SerializeToElement(new { error = new { code = "BadRequest", message = "actionValue.reaction must be like or dislike." } }));
        }

        var helpful = reaction.GetString() == "like";
        var reason = action.TryGetProperty("feedback", out var feedback) ? FeedbackText(feedback) : null;
        return await RecordAsync(activity, activity.ReplyToId, helpful, reason, cancellationToken).ConfigureAwait(false)
            ? new InvokeResponse(200)
            : new InvokeResponse(503);
    }

    /// <summary>
    /// The person's words from <c>actionValue.feedback</c>: a JSON string holding <c>{"feedbackText": "…"}</c> (or,
    /// leniently, that object itself or plain text).
    /// </summary>
    internal static string? FeedbackText(JsonElement feedback)
    {
        JsonElement holder;
        if (feedback.ValueKind == JsonValueKind.String)
        {
            var raw = feedback.GetString();
            if (string.IsNullOrWhiteSpace(raw))
            {
                return null;
            }

            try
            {
                using var document = JsonDocument.Parse(raw);
                holder = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                return raw;
            }
        }
        else
        {
            holder = feedback;
        }

        return holder.ValueKind == JsonValueKind.Object && holder.TryGetProperty("feedbackText", out var text) && text.ValueKind == JsonValueKind.String
            ? text.GetString()
            : null;
    }

    private async Task<bool> RecordAsync(Activity activity, string? reference, bool helpful, string? reason, CancellationToken cancellationToken)
    {
        var channel = activity.ChannelId ?? "unknown";
        var record = new FeedbackRecord(
            time.GetUtcNow(),
            AnalyticsKeys.Of(channel, ChannelIdentity.ConversationId(activity)),
            AnalyticsKeys.Of(channel, ChannelIdentity.UserId(activity)),
            channel,
            Cut(reference, MaxReferenceCharacters),
            helpful,
            Redacted(reason));
        try
        {
            await store.RecordFeedbackAsync(record, cancellationToken).ConfigureAwait(false);
            ChannelFeedbackLog.Recorded(logger, channel, helpful);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            ChannelFeedbackLog.RecordFailed(logger, e, channel);
            return false;
        }
    }

    private static string? Redacted(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return null;
        }

        // Cut before and after: the redactor need not read a novel, and its placeholders may lengthen the text.
        return Cut(Redactor.Redact(Cut(reason.Trim(), MaxReasonCharacters * 2)!), MaxReasonCharacters);
    }

    private static string? Cut(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}
