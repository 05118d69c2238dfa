using System.Text.Json;
using PainBot.Core.Content;
using PainBot.Core.Safety;

namespace PainBot.Knowledge.Screening;

/// <summary>One labelled message of the example bank (<c>knowledge/safety/examples/*.jsonl</c>).</summary>
/// <param name="Text">The message.</param>
/// <param name="Level">Its level; <see cref="SafetyLevel.None"/> for benign.</param>
/// <param name="Previous">The same person's previous message, when the situation unfolds over two.</param>
public sealed record SafetyExample(string Text, SafetyLevel Level, string? Previous);

/// <summary>Reads the example bank the learned screen is trained on; a broken line names its file and line.</summary>
public static class SafetyExampleBank
{
    /// <summary>The bank's folder below the knowledge folder.</summary>
    public const string RelativePath = "safety/examples";

    /// <summary>Every example under <paramref name="knowledgeFolder"/>, in file and line order (empty without the folder).</summary>
    /// <exception cref="ContentException">A line is not a JSON object with a text and a known label.</exception>
    public static IReadOnlyList<SafetyExample> Load(string knowledgeFolder) =>
        ExampleBankFile.Read(knowledgeFolder, RelativePath, "The safety example bank", "not a JSON object with \"text\" and \"label\" (emergency, crisis, urgent, med_safety or benign)", Parse);

    private static SafetyExample? Parse(JsonElement root)
    {
        if (!root.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(text.GetString())
            || !root.TryGetProperty("label", out var label) || label.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var name = label.GetString();
        if (!SafetyLevelNames.TryParse(name, out var level) && name != "benign")
        {
            return null;
        }

        var previous = root.TryGetProperty("prev", out var prev) && prev.ValueKind == JsonValueKind.String ? prev.GetString() : null;
        return new SafetyExample(text.GetString()!, level, string.IsNullOrWhiteSpace(previous) ? null : previous);
    }
}
