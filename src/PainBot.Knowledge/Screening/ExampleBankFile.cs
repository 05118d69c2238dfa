using System.Text.Json;
using PainBot.Core.Content;

namespace PainBot.Knowledge.Screening;

/// <summary>Reads a folder of labelled examples (<c>*.jsonl</c>, one JSON object a line) below the knowledge folder.</summary>
internal static class ExampleBankFile
{
    /// <summary>Every example in file and line order (empty without the folder); a line <paramref name="parse"/> rejects is reported with its file and line.</summary>
    /// <exception cref="ContentException">A line is not an example.</exception>
    public static IReadOnlyList<T> Read<T>(string knowledgeFolder, string relativePath, string what, string expected, Func<JsonElement, T?> parse)
        where T : class
    {
        var folder = Path.Combine(knowledgeFolder, relativePath);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var examples = new List<T>();
        var errors = new ContentErrors(what);
        foreach (var path in Directory.GetFiles(folder, "*.jsonl").Order(StringComparer.Ordinal))
        {
            var number = 0;
            foreach (var line in File.ReadLines(path))
            {
                number++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                if (Parse(line, parse) is { } example)
                {
                    examples.Add(example);
                }
                else
                {
                    errors.Add(Path.Combine(relativePath, Path.GetFileName(path)), number, null, expected);
                }
            }
        }

        errors.ThrowIfAny();
        return examples;
    }

    private static T? Parse<T>(string line, Func<JsonElement, T?> parse)
        where T : class
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? parse(doc.RootElement) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
