using System.Globalization;
using System.Text.RegularExpressions;
using PainBot.Core.Knowledge;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PainBot.Knowledge.Loading;

/// <summary>
/// Loads <c>topics.yaml</c>, <c>synonyms.yaml</c> and every <c>passages/**/*.md</c> file of a knowledge folder,
/// checking every rule of the knowledge contract. All problems are collected and reported together;
/// a folder with any problem yields no knowledge at all.
/// </summary>
public sealed partial class KnowledgeLoader
{
    private const string TopicsFile = "topics.yaml";
    private const string SynonymsFile = "synonyms.yaml";
    private const string PassagesFolder = "passages";

    private static readonly string[] RequiredKeys = ["id", "topic", "title", "audience", "sources", "reviewed"];
    private static readonly HashSet<string> KnownKeys = [.. RequiredKeys, "questions", "related"];

    private readonly IReadOnlyDictionary<string, string> _placeholders;

    /// <param name="placeholders">Values for <c>{{name}}</c> placeholders in passage bodies and titles.</param>
    public KnowledgeLoader(IReadOnlyDictionary<string, string> placeholders) => _placeholders = placeholders;

    /// <summary>Loads and validates the folder.</summary>
    /// <exception cref="KnowledgeValidationException">The folder is missing or breaks a rule; the message lists every problem.</exception>
    public KnowledgeBase Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new KnowledgeValidationException([new KnowledgeError(folder, null, null, "the knowledge folder does not exist")]);
        }

        var errors = new List<KnowledgeError>();
        var topics = LoadTopics(folder, errors);
        var synonyms = LoadSynonyms(folder, errors);
        var passages = new List<Passage>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var passageRoot = Path.Combine(folder, PassagesFolder);
        if (!Directory.Exists(passageRoot))
        {
            errors.Add(new KnowledgeError(PassagesFolder, null, null, "the passages folder is missing"));
        }
        else
        {
            var files = Directory.EnumerateFiles(passageRoot, "*.md", SearchOption.AllDirectories)
                .Where(f => !string.Equals(Path.GetFileName(f), "README.md", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal);
            foreach (var file in files)
            {
                var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
                var passage = ParsePassage(relative, File.ReadAllText(file), topics, errors);
                if (passage is null)
                {
                    continue;
                }

                if (seen.TryGetValue(passage.Id, out var first))
                {
                    errors.Add(new KnowledgeError(relative, 2, "id", $"duplicate id '{passage.Id}' (also used in {first})"));
                    continue;
                }

                seen[passage.Id] = relative;
                passages.Add(passage);
            }

            if (passages.Count == 0 && errors.Count == 0)
            {
                errors.Add(new KnowledgeError(PassagesFolder, null, null, "no passages found (*.md files)"));
            }
        }

        if (errors.Count > 0)
        {
            throw new KnowledgeValidationException(errors);
        }

        return new KnowledgeBase(passages, topics, synonyms);
    }

    /// <summary>Parses one passage file; adds errors and returns null when it breaks a rule.</summary>
    internal Passage? ParsePassage(string file, string text, IReadOnlyDictionary<string, TopicInfo> topics, List<KnowledgeError> errors)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF');
        if (!text.StartsWith("---\n", StringComparison.Ordinal))
        {
            errors.Add(new KnowledgeError(file, 1, null, "must start with a '---' line opening the YAML front matter"));
            return null;
        }

        var end = text.IndexOf("\n---", 3, StringComparison.Ordinal);
        if (end < 0)
        {
            errors.Add(new KnowledgeError(file, 1, null, "the front matter is not closed by a '---' line"));
            return null;
        }

        var yaml = text[4..(end + 1)];
        var afterFence = text.IndexOf('\n', end + 1);
        var body = afterFence < 0 ? string.Empty : text[(afterFence + 1)..];
        var bodyLine = text[..(end + 1)].Count(c => c == '\n') + 2;

        YamlMappingNode map;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode m)
            {
                errors.Add(new KnowledgeError(file, 2, null, "the front matter must be a YAML mapping of keys to values"));
                return null;
            }

            map = m;
        }
        catch (YamlException ex)
        {
            // Front matter starts on line 2 of the file.
            errors.Add(new KnowledgeError(file, (int)ex.Start.Line + 1, null, $"bad YAML: {FirstLine(ex.Message)}"));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's parser gives up this way on some unterminated flow collections.
            errors.Add(new KnowledgeError(file, 2, null, "bad YAML: the front matter could not be parsed (an unclosed [ or { ?)"));
            return null;
        }

        var before = errors.Count;
        var values = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            if (!KnownKeys.Contains(key))
            {
                errors.Add(new KnowledgeError(file, Line(keyNode), key, $"unknown key (allowed: {string.Join(", ", KnownKeys)})"));
                continue;
            }

            values[key] = valueNode;
        }

        foreach (var key in RequiredKeys.Where(k => !values.ContainsKey(k)))
        {
            errors.Add(new KnowledgeError(file, 2, key, "required key is missing"));
        }

        var id = Scalar(file, values, "id", errors);
        if (id is not null && !IdPattern().IsMatch(id))
        {
            errors.Add(new KnowledgeError(file, Line(values["id"]), "id", $"'{id}' is not kebab-case (lower-case letters, digits and single hyphens)"));
        }

        var topic = Scalar(file, values, "topic", errors);
        if (topic is not null && !topics.ContainsKey(topic))
        {
            errors.Add(new KnowledgeError(file, Line(values["topic"]), "topic", $"unknown topic '{topic}' (see {TopicsFile})"));
        }

        var title = Scalar(file, values, "title", errors);
        var audienceText = Scalar(file, values, "audience", errors);
        var audience = Audience.Both;
        if (audienceText is not null && !AudienceExtensions.TryParse(audienceText, out audience))
        {
            errors.Add(new KnowledgeError(file, Line(values["audience"]), "audience", $"'{audienceText}' must be patient, staff or both"));
        }

        var reviewedText = Scalar(file, values, "reviewed", errors);
        var reviewed = default(DateOnly);
        if (reviewedText is not null && !DateOnly.TryParseExact(reviewedText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out reviewed))
        {
            errors.Add(new KnowledgeError(file, Line(values["reviewed"]), "reviewed", $"'{reviewedText}' is not a date like 2026-01-31"));
        }

        var sources = List(file, values, "sources", errors);
        if (values.TryGetValue("sources", out var sourcesNode) && sources.Count == 0)
        {
            errors.Add(new KnowledgeError(file, Line(sourcesNode), "sources", "name at least one source"));
        }

        var questions = List(file, values, "questions", errors);
        var related = List(file, values, "related", errors);
        foreach (var r in related.Where(r => !topics.ContainsKey(r)))
        {
            errors.Add(new KnowledgeError(file, Line(values["related"]), "related", $"unknown topic '{r}' (see {TopicsFile})"));
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            errors.Add(new KnowledgeError(file, bodyLine, null, "the body after the front matter is empty"));
        }

        body = FillPlaceholders(file, bodyLine, body.Trim(), errors);
        title = title is null ? null : FillPlaceholders(file, Line(values["title"]), title, errors);

        if (errors.Count > before)
        {
            return null;
        }

        return new Passage(id!, topic!, title!, audience, sources, reviewed, questions, related, body, file);
    }

    private string FillPlaceholders(string file, int line, string text, List<KnowledgeError> errors) =>
        PlaceholderPattern().Replace(text, m =>
        {
            var name = m.Groups[1].Value.Trim();
            if (_placeholders.TryGetValue(name, out var value))
            {
                return value;
            }

            errors.Add(new KnowledgeError(file, line, null, $"unknown placeholder '{{{{{name}}}}}' (known: {string.Join(", ", _placeholders.Keys)})"));
            return m.Value;
        });

    private static Dictionary<string, TopicInfo> LoadTopics(string folder, List<KnowledgeError> errors)
    {
        var topics = new Dictionary<string, TopicInfo>(StringComparer.Ordinal);
        var root = LoadYamlFile(folder, TopicsFile, errors);
        if (root is null)
        {
            return topics;
        }

        if (!root.Children.TryGetValue(new YamlScalarNode("topics"), out var node) || node is not YamlSequenceNode list)
        {
            errors.Add(new KnowledgeError(TopicsFile, FileLine(root), "topics", "must hold a list of topics with id and label"));
            return topics;
        }

        foreach (var item in list)
        {
            if (item is not YamlMappingNode entry
                || !entry.Children.TryGetValue(new YamlScalarNode("id"), out var idNode) || idNode is not YamlScalarNode { Value: { Length: > 0 } tid }
                || !entry.Children.TryGetValue(new YamlScalarNode("label"), out var labelNode) || labelNode is not YamlScalarNode { Value: { Length: > 0 } label })
            {
                errors.Add(new KnowledgeError(TopicsFile, FileLine(item), "topics", "each topic needs an id and a label"));
                continue;
            }

            if (!topics.TryAdd(tid, new TopicInfo(tid, label)))
            {
                errors.Add(new KnowledgeError(TopicsFile, FileLine(item), "id", $"duplicate topic '{tid}'"));
            }
        }

        return topics;
    }

    private static List<SynonymRule> LoadSynonyms(string folder, List<KnowledgeError> errors)
    {
        var rules = new List<SynonymRule>();
        if (!File.Exists(Path.Combine(folder, SynonymsFile)))
        {
            return rules;
        }

        var root = LoadYamlFile(folder, SynonymsFile, errors);
        if (root is null)
        {
            return rules;
        }

        if (!root.Children.TryGetValue(new YamlScalarNode("synonyms"), out var node) || node is not YamlSequenceNode list)
        {
            errors.Add(new KnowledgeError(SynonymsFile, FileLine(root), "synonyms", "must hold a list of entries with 'when' and 'expand'"));
            return rules;
        }

        foreach (var item in list)
        {
            var when = item is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode("when"), out var w) ? Strings(w) : null;
            var expand = item is YamlMappingNode m2 && m2.Children.TryGetValue(new YamlScalarNode("expand"), out var e) ? Strings(e) : null;
            if (when is not { Count: > 0 } || expand is not { Count: > 0 })
            {
                errors.Add(new KnowledgeError(SynonymsFile, FileLine(item), null, "each entry needs non-empty 'when' and 'expand' lists of words"));
                continue;
            }

            rules.Add(new SynonymRule(
                [.. when.Select(s => s.Trim().ToLowerInvariant())],
                [.. expand.Select(s => s.Trim().ToLowerInvariant())]));
        }

        return rules;
    }

    private static YamlMappingNode? LoadYamlFile(string folder, string name, List<KnowledgeError> errors)
    {
        var path = Path.Combine(folder, name);
        if (!File.Exists(path))
        {
            errors.Add(new KnowledgeError(name, null, null, "file is missing"));
            return null;
        }

        try
        {
            var stream = new YamlStream();
            using var reader = new StreamReader(path);
            stream.Load(reader);
            if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root)
            {
                return root;
            }

            errors.Add(new KnowledgeError(name, 1, null, "must be a YAML mapping"));
        }
        catch (YamlException ex)
        {
            errors.Add(new KnowledgeError(name, (int)ex.Start.Line, null, $"bad YAML: {FirstLine(ex.Message)}"));
        }
        catch (InvalidOperationException)
        {
            errors.Add(new KnowledgeError(name, 1, null, "bad YAML: the file could not be parsed (an unclosed [ or { ?)"));
        }

        return null;
    }

    private static string? Scalar(string file, Dictionary<string, YamlNode> values, string key, List<KnowledgeError> errors)
    {
        if (!values.TryGetValue(key, out var node))
        {
            return null;
        }

        if (node is YamlScalarNode { Value: { } v } && !string.IsNullOrWhiteSpace(v))
        {
            return v.Trim();
        }

        errors.Add(new KnowledgeError(file, Line(node), key, "must be a single non-empty value"));
        return null;
    }

    private static List<string> List(string file, Dictionary<string, YamlNode> values, string key, List<KnowledgeError> errors)
    {
        if (!values.TryGetValue(key, out var node))
        {
            return [];
        }

        var items = Strings(node);
        if (items is null)
        {
            errors.Add(new KnowledgeError(file, Line(node), key, "must be a list of non-empty text items"));
            return [];
        }

        return items;
    }

    private static List<string>? Strings(YamlNode node)
    {
        if (node is not YamlSequenceNode seq)
        {
            return null;
        }

        var items = new List<string>();
        foreach (var child in seq)
        {
            if (child is not YamlScalarNode { Value: { } v } || string.IsNullOrWhiteSpace(v))
            {
                return null;
            }

            items.Add(v.Trim());
        }

        return items;
    }

    // YAML marks are 1-based within the front matter, which starts on line 2 of the file.
    private static int Line(YamlNode node) => (int)node.Start.Line + 1;

    private static int FileLine(YamlNode node) => (int)node.Start.Line;

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"\{\{\s*([a-zA-Z0-9_.]+)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();
}
