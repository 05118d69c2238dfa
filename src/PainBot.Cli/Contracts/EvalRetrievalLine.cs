using System.Text.Json.Serialization;

namespace PainBot.Cli.Contracts;

/// <summary>A labelled question of <c>retrieval_dev.jsonl</c>.</summary>
public sealed record EvalRetrievalLine(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("topics")] IReadOnlyList<string> Topics,
    [property: JsonPropertyName("audience")] string? Audience);
