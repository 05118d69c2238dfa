namespace PainBot.BotFramework.Schema;

/// <summary>The id of a created resource (Microsoft.Bot.Schema.ResourceResponse).</summary>
public sealed class ResourceResponse
{
    public string? Id { get; set; }
}
