using System.Text.Json.Serialization;

namespace PainBot.Cli.Contracts;

/// <summary>One input line of <c>ask --jsonl</c> and <c>search --jsonl</c> (CONTRACTS.md section 1).</summary>
public sealed record InputLine(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("audience")] string? Audience,
    [property: JsonPropertyName("conversation")] string? Conversation);
