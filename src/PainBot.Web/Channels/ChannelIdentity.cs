using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using PainBot.BotFramework.Schema;

namespace PainBot.Web.Channels;

/// <summary>
/// Who and where an activity comes from, for the dialog and the analytics keys. A missing id never becomes a shared
/// placeholder: every visitor without one would then share one analytics user key (and one "forget me" would delete
/// the others' rows). A missing user id stands for the conversation; a missing conversation id for this activity alone.
/// </summary>
internal static class ChannelIdentity
{
    /// <summary>The conversation's id, or a fresh one when the activity names none.</summary>
    public static string ConversationId(Activity activity) =>
        string.IsNullOrWhiteSpace(activity.Conversation?.Id) ? "no-conversation:" + Fresh() : activity.Conversation.Id;

    /// <summary>The sender's id; without one, an id derived from the conversation (or a fresh one).</summary>
    public static string UserId(Activity activity) =>
        !string.IsNullOrWhiteSpace(activity.From?.Id) ? activity.From.Id
        : !string.IsNullOrWhiteSpace(activity.Conversation?.Id) ? "conversation:" + activity.Conversation.Id
        : "no-user:" + Fresh();

    private static string Fresh() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(12));
}
