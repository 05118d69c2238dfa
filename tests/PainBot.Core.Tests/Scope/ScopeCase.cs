using System.Text.Json;
using System.Text.Json.Serialization;
using PainBot.Core.Scope;

namespace PainBot.Core.Tests.Scope;

/// <summary>One labelled message from a JSON Lines file.</summary>
public sealed record ScopeCase(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("expect")] string Expect)
{
    /// <summary>The expected verdict; the shared sets name the reply (decline, redirect_to_clinician, refuse_injection) instead of the scope.</summary>
    public ScopeVerdict Expected => Expect switch
    {
        "in" or "answer" => ScopeVerdict.In,
        "out" or "decline" => ScopeVerdict.Out,
        "clinician" or "redirect_to_clinician" => ScopeVerdict.Clinician,
        "injection" or "refuse_injection" => ScopeVerdict.Injection,
        "privacy" => ScopeVerdict.Privacy,
        _ => throw new InvalidDataException($"unknown expectation '{Expect}'"),
    };

    public override string ToString() => Text;

    public static IReadOnlyList<ScopeCase> ReadAll(string path) =>
        [.. File.ReadLines(path)
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => JsonSerializer.Deserialize<ScopeCase>(line) ?? throw new InvalidDataException($"{path}: empty line"))];
}
