using System.ComponentModel.DataAnnotations;

namespace PainBot.BotFramework.DirectLine;

/// <summary>Settings of the built-in Direct Line 3.0 service (section "DirectLine").</summary>
public sealed class DirectLineOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "DirectLine";

    /// <summary>
    /// The Direct Line secret: a server-side credential that mints tokens and opens any conversation. Empty
    /// generates a random one at start (tokens then do not survive a restart and cannot be shared between
    /// instances). At least 32 characters when set. Never give it to a browser.
    /// </summary>
    public string Secret { get; set; } = "";

    /// <summary>How long a conversation token is valid; Web Chat refreshes it every 15 minutes.</summary>
    [Range(2, 24 * 60, ErrorMessage = "DirectLine:TokenLifetimeMinutes must be between 2 and 1440.")]
    public int TokenLifetimeMinutes { get; set; } = 30;

    /// <summary>Origins (scheme://host[:port]) of other sites that may call the Direct Line and chat-token endpoints from a browser.</summary>
    public IList<string> AllowedOrigins { get; set; } = [];

    /// <summary>Conversations kept at once; a new one beyond this is refused with 429 until idle ones expire.</summary>
    [Range(1, 10_000_000, ErrorMessage = "DirectLine:MaxConversations must be between 1 and 10000000.")]
    public int MaxConversations { get; set; } = 10_000;

    /// <summary>Activities kept per conversation; older ones are dropped (watermarks stay valid).</summary>
    [Range(10, 100_000, ErrorMessage = "DirectLine:MaxActivitiesPerConversation must be between 10 and 100000.")]
    public int MaxActivitiesPerConversation { get; set; } = 500;

    /// <summary>A conversation with no activity for this long is forgotten.</summary>
    [Range(1, 7 * 24 * 60, ErrorMessage = "DirectLine:ConversationIdleMinutes must be between 1 and 10080.")]
    public int ConversationIdleMinutes { get; set; } = 60;

    /// <summary>Largest accepted activity body, in bytes; larger posts get 413.</summary>
    [Range(1024, 4 * 1024 * 1024, ErrorMessage = "DirectLine:MaxActivityBytes must be between 1024 and 4194304.")]
    public int MaxActivityBytes { get; set; } = 256 * 1024;

    /// <summary>The bot's account id in activities (from.id of replies).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "DirectLine:BotId is required.")]
    public string BotId { get; set; } = "painbot";

    /// <summary>The bot's display name in activities.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "DirectLine:BotName is required.")]
    public string BotName { get; set; } = "PainBot";
}
