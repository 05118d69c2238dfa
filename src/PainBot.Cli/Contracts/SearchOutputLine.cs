using System.Text.Json.Serialization;

namespace PainBot.Cli.Contracts;

/// <summary>One output line of <c>search --jsonl</c> (CONTRACTS.md section 1b).</summary>
public sealed record SearchOutputLine(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("sources")] IReadOnlyList<SourceDto> Sources,
    [property: JsonPropertyName("confidence")] double Confidence,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null);
