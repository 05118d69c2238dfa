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
    public static IReadOnlyList<SafetyExample> Load(string knowledgeFolder)
    {
        var folder = Path.Combine(knowledgeFolder, RelativePath);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var examples = new List<SafetyExample>();
        var errors = new ContentErrors("The safety example bank");
        foreach (var path in Directory.GetFiles(folder, "*.jsonl").Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(RelativePath, Path.GetFileName(path));
            var number = 0;
            foreach (var line in File.ReadLines(path))
            {
                number++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                if (Parse(line) is { } example)
                {
                    examples.Add(example);
                }
                else
                {
                    errors.Add(file, number, null, "not a JSON object with \"text\" and \"label\" (emergency, crisis, urgent, med_safety or benign)");
                }
            }
        }

        errors.ThrowIfAny();
        return examples;
    }

    private static SafetyExample? Parse(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(text.GetString())
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
        catch (JsonException)
        {
            return null;
        }
    }
}
