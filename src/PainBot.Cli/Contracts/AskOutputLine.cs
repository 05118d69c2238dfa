using System.Text.Json.Serialization;

namespace PainBot.Cli.Contracts;

/// <summary>One output line of <c>ask --jsonl</c> (CONTRACTS.md section 1): every field always present.</summary>
public sealed record AskOutputLine(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("reply")] string Reply,
    [property: JsonPropertyName("safety")] SafetyDto Safety,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("sources")] IReadOnlyList<SourceDto> Sources,
    [property: JsonPropertyName("confidence")] double Confidence,
    [property: JsonPropertyName("disclaimer")] bool Disclaimer,
    [property: JsonPropertyName("suggestions")] IReadOnlyList<string> Suggestions,
    [property: JsonPropertyName("handoff")] bool Handoff,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null);
