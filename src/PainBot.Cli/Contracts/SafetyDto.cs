using System.Text.Json.Serialization;

namespace PainBot.Cli.Contracts;

/// <summary>The contract's safety object: the level that fired and the rule ids.</summary>
public sealed record SafetyDto(
    [property: JsonPropertyName("level")] string Level,
    [property: JsonPropertyName("rules")] IReadOnlyList<string> Rules);
