using System.Text.Json.Serialization;

namespace PainBot.Cli.Contracts;

/// <summary>A passage a reply is grounded on, as the contracts print it.</summary>
public sealed record SourceDto(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("topic")] string Topic,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("score")] double Score);
