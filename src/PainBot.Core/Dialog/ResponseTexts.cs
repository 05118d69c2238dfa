using System.Text.RegularExpressions;
using PainBot.Core.Content;
using PainBot.Core.Knowledge;
using PainBot.Core.Text;

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
        [ResponseKeys.FacetElsewhere] = ["facet", "topic"],
    };

    private readonly IReadOnlyDictionary<string, string> _texts;

    private ResponseTexts(IReadOnlyDictionary<string, string> texts) => _texts = texts;

    /// <summary>Every placeholder a text may use: the clinic facts of <see cref="ClinicOptions"/>, the emergency and crisis numbers, <c>options</c> for clarifying questions, <c>facet</c> and <c>topic</c> for a pointer to another topic.</summary>
    public static IReadOnlySet<string> KnownPlaceholders { get; } = new HashSet<string>(
        new ClinicOptions().Placeholders().Keys.Concat(["emergency.number", "crisis.line", "options", "facet", "topic"]),
        StringComparer.Ordinal);

    /// <summary>The keys this file defines.</summary>
    public IEnumerable<string> Keys => _texts.Keys;

    /// <summary>Loads and validates <c>responses.yaml</c> from <paramref name="knowledgeFolder"/>.</summary>
    /// <exception cref="ContentException">The file is missing or breaks a rule; the message names the file and every key at fault.</exception>
    public static ResponseTexts Load(string knowledgeFolder)
    {
        var path = Path.Combine(knowledgeFolder, FileName);
        return File.Exists(path)
            ? Parse(File.ReadAllText(path), FileName)
            : throw new ContentException($"{path}: the reply texts file does not exist");
    }

    /// <summary>Parses the text of a reply texts file; <paramref name="file"/> names it in error messages.</summary>
    /// <exception cref="ContentException">The text breaks a rule.</exception>
    public static ResponseTexts Parse(string yaml, string file)
    {
        var written = YamlContent.Read<Dictionary<string, string?>>(yaml, file);
        var lines = YamlContent.KeyLines(yaml);
        var errors = new ContentErrors("The reply texts");
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var allowed = ResponseKeys.Required.Concat(ResponseKeys.Optional).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, value) in written)
        {
            void Problem(string problem) => errors.Add(file, lines.GetValueOrDefault(key), key, problem);
            if (!allowed.Contains(key))
            {
                Problem($"unknown key (allowed: {string.Join(", ", allowed)})");
                continue;
            }

            if (string.IsNullOrWhiteSpace(value))
            {
                Problem("must be a non-empty text");
                continue;
            }

            var text = SoftBreak().Replace(value.Trim(), " ");
            var used = Placeholders.Names(text).ToHashSet(StringComparer.Ordinal);
            foreach (var unknown in used.Where(p => !KnownPlaceholders.Contains(p)).Order(StringComparer.Ordinal))
            {
                Problem($"unknown placeholder {{{{{unknown}}}}} (known: {string.Join(", ", KnownPlaceholders.Order(StringComparer.Ordinal))})");
            }

            var leftover = Placeholders.Fill(text, used.ToDictionary(p => p, _ => string.Empty));
            if (leftover.Contains("{{", StringComparison.Ordinal) || leftover.Contains("}}", StringComparison.Ordinal))
            {
                Problem("a '{{' or '}}' is not part of a well-formed placeholder such as {{clinic.phone}}");
            }

            foreach (var missing in MustContain.GetValueOrDefault(key, []).Where(r => !used.Contains(r)))
            {
                Problem($"must contain the placeholder {{{{{missing}}}}}");
            }

            texts[key] = text;
        }

        foreach (var key in ResponseKeys.Required.Where(k => !written.ContainsKey(k)))
        {
            errors.Add(file, 0, key, "required key is missing");
        }

        errors.ThrowIfAny();
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
        try
        {
            return Placeholders.Fill(text, values, strict: true);
        }
        catch (KeyNotFoundException ex)
        {
            throw new ArgumentException($"'{key}' in {FileName}: no value for a placeholder ({ex.Message})", nameof(values), ex);
        }
    }

    // Joins the wrapped lines of a paragraph; blank lines and list items stay as written.
    [GeneratedRegex(@"(?<=\S)\n(?=[^\n\-*\d])", RegexOptions.CultureInvariant)]
    private static partial Regex SoftBreak();
}
