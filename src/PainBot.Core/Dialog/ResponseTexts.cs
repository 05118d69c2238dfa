using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PainBot.Core.Dialog;

/// <summary>
/// The assistant's own reply texts, read from <c>responses.yaml</c> in the knowledge folder so that staff can
/// review and edit them. Loading checks that every key the code uses is present and every placeholder is known.
/// </summary>
public sealed partial class ResponseTexts
{
    /// <summary>The file name inside the knowledge folder.</summary>
    public const string FileName = "responses.yaml";

    /// <summary>Every key the dialog manager renders.</summary>
    public static readonly IReadOnlyList<string> RequiredKeys =
    [
        "welcome", "help", "start_over", "handoff", "forget_me", "feedback_thanks", "guide_left", "decline_out_of_scope",
        "redirect_clinician", "refuse_injection", "not_covered", "clarify", "clarify_subject", "empty_message",
        "english_only", "long_message", "disclaimer",
    ];

    /// <summary>Placeholders a text may use.</summary>
    public static readonly IReadOnlySet<string> KnownPlaceholders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "clinic.name", "clinic.phone", "clinic.hours", "clinic.website", "clinic.address", "clinic.therapies", "clinic.insurance",
        "emergency.number", "crisis.line", "crisis.text", "poison.help", "urgent.line", "options",
    };

    private readonly IReadOnlyDictionary<string, string> _texts;

    public ResponseTexts(IReadOnlyDictionary<string, string> texts) => _texts = texts;

    /// <summary>Loads and validates <c>responses.yaml</c> from the knowledge folder.</summary>
    /// <exception cref="InvalidDataException">The file is missing, malformed, lacks a key or uses an unknown placeholder.</exception>
    public static ResponseTexts Load(string knowledgeFolder)
    {
        var path = Path.Combine(knowledgeFolder, FileName);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: file is missing");
        }

        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            using var reader = new StreamReader(path);
            stream.Load(reader);
            root = stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode m
                && m.Children.TryGetValue(new YamlScalarNode("responses"), out var r) && r is YamlMappingNode rm
                ? rm
                : throw new InvalidDataException($"{path}: must hold a 'responses' mapping of keys to texts");
        }
        catch (YamlException ex)
        {
            throw new InvalidDataException($"{path}:{ex.Start.Line}: bad YAML: {ex.Message}", ex);
        }

        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in root.Children)
        {
            var key = ((YamlScalarNode)k).Value ?? string.Empty;
            if (v is not YamlScalarNode { Value: { } text } || string.IsNullOrWhiteSpace(text))
            {
                throw new InvalidDataException($"{path}:{k.Start.Line}: '{key}' must be a non-empty text");
            }

            foreach (Match p in Placeholder().Matches(text))
            {
                if (!KnownPlaceholders.Contains(p.Groups[1].Value))
                {
                    throw new InvalidDataException($"{path}:{v.Start.Line}: '{key}' uses unknown placeholder {p.Value}");
                }
            }

            texts[key] = Unwrap(text.Trim());
        }

        var missing = RequiredKeys.Where(k => !texts.ContainsKey(k)).ToList();
        return missing.Count == 0
            ? new ResponseTexts(texts)
            : throw new InvalidDataException($"{path}: missing key(s) {string.Join(", ", missing)}");
    }

    /// <summary>The text for <paramref name="key"/> with placeholders filled; unknown values are left as neutral words.</summary>
    public string Render(string key, IReadOnlyDictionary<string, string> values)
    {
        var text = _texts.TryGetValue(key, out var t) ? t : throw new KeyNotFoundException($"no response text '{key}'");
        return Placeholder().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : "the clinic");
    }

    /// <summary>Joins the lines of a wrapped paragraph, keeping blank lines and list items as written.</summary>
    private static string Unwrap(string text) => SoftBreak().Replace(text, " ");

    [GeneratedRegex(@"(?<=\S)\n(?=[^\n\-*\d])", RegexOptions.CultureInvariant)]
    private static partial Regex SoftBreak();

    [GeneratedRegex(@"\{\{\s*([a-zA-Z0-9_.]+)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
