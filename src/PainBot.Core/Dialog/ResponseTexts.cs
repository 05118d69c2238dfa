using System.Text.RegularExpressions;
using PainBot.Core.Knowledge;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PainBot.Core.Dialog;

/// <summary>
/// The assistant's own reply texts (declines, redirects, welcome, hand-off…), kept as Markdown in
/// <c>knowledge/responses.yaml</c> so that staff review them as diffs. Loaded once and validated:
/// every required key present, no unknown key, only known <c>{{placeholders}}</c>.
/// </summary>
public sealed partial class ResponseTexts
{
    /// <summary>The file inside the knowledge folder.</summary>
    public const string FileName = "responses.yaml";

    // Placeholders a text must keep, so an edit cannot drop the way to reach a person.
    private static readonly Dictionary<string, string[]> MustContain = new(StringComparer.Ordinal)
    {
        [ResponseKeys.RedirectClinician] = ["clinic.phone"],
        [ResponseKeys.Handoff] = ["clinic.phone", "clinic.hours"],
        [ResponseKeys.Welcome] = ["emergency.number"],
        [ResponseKeys.Clarify] = ["options"],
        [ResponseKeys.SafeNow] = ["crisis.line"],
    };

    private readonly IReadOnlyDictionary<string, string> _texts;

    private ResponseTexts(IReadOnlyDictionary<string, string> texts) => _texts = texts;

    /// <summary>Every placeholder a text may use: the clinic facts of <see cref="ClinicOptions"/>, the emergency and crisis numbers, and <c>options</c> for clarifying questions.</summary>
    public static IReadOnlySet<string> KnownPlaceholders { get; } = new HashSet<string>(
        new ClinicOptions().Placeholders().Keys.Concat(["emergency.number", "crisis.line", "options"]),
        StringComparer.Ordinal);

    /// <summary>The keys this file defines.</summary>
    public IEnumerable<string> Keys => _texts.Keys;

    /// <summary>Loads and validates <c>responses.yaml</c> from <paramref name="knowledgeFolder"/>.</summary>
    /// <exception cref="ResponseTextsException">The file is missing or breaks a rule; the message names the file and every key at fault.</exception>
    public static ResponseTexts Load(string knowledgeFolder)
    {
        var path = Path.Combine(knowledgeFolder, FileName);
        if (!File.Exists(path))
        {
            throw new ResponseTextsException([$"{path}: the reply texts file does not exist"]);
        }

        return Parse(File.ReadAllText(path), FileName);
    }

    /// <summary>Parses the text of a reply texts file; <paramref name="file"/> names it in error messages.</summary>
    /// <exception cref="ResponseTextsException">The text breaks a rule.</exception>
    public static ResponseTexts Parse(string yaml, string file)
    {
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map)
            {
                throw new ResponseTextsException([$"{file}:1: the file must be a YAML mapping of keys to Markdown texts"]);
            }

            root = map;
        }
        catch (YamlException ex)
        {
            throw new ResponseTextsException([$"{file}:{ex.Start.Line}: bad YAML: {ex.Message.Split('\n')[0]}"]);
        }

        var errors = new List<string>();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var allowed = ResponseKeys.Required.Concat(ResponseKeys.Optional).ToHashSet(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            var where = $"{file}:{keyNode.Start.Line}: '{key}'";
            if (!allowed.Contains(key))
            {
                errors.Add($"{where}: unknown key (allowed: {string.Join(", ", allowed)})");
                continue;
            }

            if (valueNode is not YamlScalarNode { Value: { } text } || string.IsNullOrWhiteSpace(text))
            {
                errors.Add($"{where}: must be a non-empty text");
                continue;
            }

            if (texts.ContainsKey(key))
            {
                errors.Add($"{where}: defined twice");
                continue;
            }

            text = SoftBreak().Replace(text.Trim(), " ");
            var used = Placeholder().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            foreach (var unknown in used.Where(p => !KnownPlaceholders.Contains(p)).Order(StringComparer.Ordinal))
            {
                errors.Add($"{where}: unknown placeholder {{{{{unknown}}}}} (known: {string.Join(", ", KnownPlaceholders.Order(StringComparer.Ordinal))})");
            }

            var leftover = Placeholder().Replace(text, string.Empty);
            if (leftover.Contains("{{", StringComparison.Ordinal) || leftover.Contains("}}", StringComparison.Ordinal))
            {
                errors.Add($"{where}: a '{{{{' or '}}}}' is not part of a well-formed placeholder such as {{{{clinic.phone}}}}");
            }

            if (MustContain.TryGetValue(key, out var required))
            {
                foreach (var missing in required.Where(r => !used.Contains(r)))
                {
                    errors.Add($"{where}: must contain the placeholder {{{{{missing}}}}}");
                }
            }

            texts[key] = text;
        }

        foreach (var key in ResponseKeys.Required.Where(k => !texts.ContainsKey(k) && !errors.Any(e => e.Contains($"'{k}'", StringComparison.Ordinal))))
        {
            errors.Add($"{file}: '{key}': required key is missing");
        }

        if (errors.Count > 0)
        {
            throw new ResponseTextsException(errors);
        }

        return new ResponseTexts(texts);
    }

    /// <summary>Whether the file defines <paramref name="key"/> (optional keys may be absent).</summary>
    public bool Contains(string key) => _texts.ContainsKey(key);

    /// <summary>The raw Markdown of <paramref name="key"/>, placeholders unfilled.</summary>
    /// <exception cref="KeyNotFoundException">The file does not define the key.</exception>
    public string Raw(string key) =>
        _texts.TryGetValue(key, out var text) ? text : throw new KeyNotFoundException($"{FileName} has no text '{key}'");

    /// <summary>The Markdown of <paramref name="key"/> with every <c>{{placeholder}}</c> filled from <paramref name="values"/>.</summary>
    /// <exception cref="KeyNotFoundException">The file does not define the key.</exception>
    /// <exception cref="ArgumentException">The text uses a placeholder that <paramref name="values"/> does not give.</exception>
    public string Render(string key, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var text = Raw(key);
        return Placeholder().Replace(text, m =>
            values.TryGetValue(m.Groups[1].Value, out var value)
                ? value
                : throw new ArgumentException($"No value for {{{{{m.Groups[1].Value}}}}} used by '{key}' in {FileName}", nameof(values)));
    }

    [GeneratedRegex(@"\{\{\s*([a-zA-Z0-9_.]+)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    // Joins the wrapped lines of a paragraph; blank lines and list items stay as written.
    [GeneratedRegex(@"(?<=\S)\n(?=[^\n\-*\d])", RegexOptions.CultureInvariant)]
    private static partial Regex SoftBreak();
}
