using System.ComponentModel.DataAnnotations;
using PainBot.BotFramework.DirectLine;

namespace PainBot.Web.DirectLine;

/// <summary>The chat page's token endpoint (keys in the "DirectLine" section, beside <see cref="DirectLineOptions"/>).</summary>
public sealed class ChatTokenOptions
{
    /// <summary>Configuration section name (shared with <see cref="DirectLineOptions"/>).</summary>
    public const string SectionName = DirectLineOptions.SectionName;

    /// <summary>Conversation tokens one IP address may obtain from <c>POST /api/chat/token</c> per minute.</summary>
    [Range(1, 100_000, ErrorMessage = "DirectLine:ChatTokenPermitsPerMinute must be between 1 and 100000.")]
    public int ChatTokenPermitsPerMinute { get; set; } = 10;
}
