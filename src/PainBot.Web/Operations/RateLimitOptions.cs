using System.ComponentModel.DataAnnotations;

namespace PainBot.Web.Operations;

/// <summary>
/// Request limits (section "RateLimits"), sized for a clinic's web chat and Teams, not as a DoS shield: they stop
/// one client or one conversation from hogging the assistant. Clients are told apart by their remote IP address
/// (behind a reverse proxy, configure ASP.NET Core's forwarded headers so that is the visitor's address). The chat
/// token endpoint keeps its own limit, <c>DirectLine:ChatTokenPermitsPerMinute</c>.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Requests one client address may make per minute to <c>/api/messages</c> and <c>/v3/directline</c> (Web Chat polls once a second when it cannot use a WebSocket).</summary>
    [Range(10, 1_000_000, ErrorMessage = "RateLimits:ClientPermitsPerMinute must be between 10 and 1000000.")]
    public int ClientPermitsPerMinute { get; set; } = 600;

    /// <summary>Activities one Direct Line conversation may post per minute (a person typing fast sends a few).</summary>
    [Range(1, 100_000, ErrorMessage = "RateLimits:ConversationActivitiesPerMinute must be between 1 and 100000.")]
    public int ConversationActivitiesPerMinute { get; set; } = 30;
}
