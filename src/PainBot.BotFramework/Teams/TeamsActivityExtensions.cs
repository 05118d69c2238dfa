using System.Text.RegularExpressions;
using PainBot.BotFramework.Schema;

namespace PainBot.BotFramework.Teams;

/// <summary>Teams specifics of incoming activities.</summary>
public static partial class TeamsActivityExtensions
{
    /// <summary>
    /// The activity's text without the mentions of its recipient (the bot), as botbuilder's RemoveMentionText:
    /// each mention entity whose <c>mentioned.id</c> is the recipient has its text removed, ignoring case; other
    /// <c>&lt;at&gt;Name&lt;/at&gt;</c> tags keep their inner name. Identity comes from entities, never from the text.
    /// </summary>
    public static string TextWithoutRecipientMention(this Activity activity)
    {
        var text = activity.Text ?? string.Empty;
        var botId = activity.Recipient?.Id;
        if (botId is not null && activity.Entities is not null)
        {
            foreach (var mention in activity.Entities.Select(Mention.From))
            {
                if (mention is null || !string.Equals(mention.MentionedId, botId, StringComparison.Ordinal))
                {
                    continue;
                }

                var mentionText = string.IsNullOrEmpty(mention.Text) ? $"<at>{mention.MentionedName}</at>" : mention.Text;
                text = Regex.Replace(text, Regex.Escape(mentionText), string.Empty, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
        }

        text = AtTag().Replace(text, "$1");
        return text.Trim();
    }

    /// <summary>True for a one-to-one (personal) conversation; Teams shows suggested actions only there.</summary>
    public static bool IsPersonalConversation(this Activity activity) =>
        activity.Conversation is { } c
        && c.IsGroup != true
        && (c.ConversationType is null || string.Equals(c.ConversationType, "personal", StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex("<at>(.*?)</at>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AtTag();
}
