using System.Globalization;
using System.Text.RegularExpressions;
using PainBot.Core.Content;
using PainBot.Core.Knowledge;
using PainBot.Core.Text;

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

    private readonly IReadOnlyDictionary<string, string> _placeholders;

    /// <param name="placeholders">Values for <c>{{name}}</c> placeholders in passage bodies and titles.</param>
    public KnowledgeLoader(IReadOnlyDictionary<string, string> placeholders) => _placeholders = placeholders;

    /// <summary>Loads and validates the folder.</summary>
    /// <exception cref="ContentException">The folder is missing or breaks a rule; the message lists every problem.</exception>
    public KnowledgeBase Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new ContentException($"{folder}: the knowledge folder does not exist");
        }

        var errors = new ContentErrors("The knowledge files");
        var topics = LoadTopics(Read<TopicList>(folder, TopicsFile, errors, optional: false), errors);
        var synonyms = LoadSynonyms(Read<SynonymList>(folder, SynonymsFile, errors, optional: true), errors);
        var passages = new List<Passage>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var passageRoot = Path.Combine(folder, PassagesFolder);
        if (!Directory.Exists(passageRoot))
        {
            errors.Add(PassagesFolder, 0, null, "the passages folder is missing");
        }
        else
        {
            var files = Directory.EnumerateFiles(passageRoot, "*.md", SearchOption.AllDirectories)
                .Where(f => !string.Equals(Path.GetFileName(f), "README.md", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal);
            foreach (var file in files)
            {
                var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
                if (ParsePassage(relative, File.ReadAllText(file), topics, errors) is not { } passage)
                {
                    continue;
                }

                if (seen.TryGetValue(passage.Id, out var first))
                {
                    errors.Add(relative, 2, "id", $"duplicate id '{passage.Id}' (also used in {first})");
                    continue;
                }

                seen[passage.Id] = relative;
                passages.Add(passage);
            }

            if (passages.Count == 0 && errors.Problems.Count == 0)
            {
                errors.Add(PassagesFolder, 0, null, "no passages found (*.md files)");
            }
        }

        errors.ThrowIfAny();
        return new KnowledgeBase(passages, topics, synonyms);
    }

    /// <summary>Parses one passage file; adds errors and returns null when it breaks a rule.</summary>
    internal Passage? ParsePassage(string file, string text, IReadOnlyDictionary<string, TopicInfo> topics, ContentErrors errors)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF');
        var end = text.StartsWith("---\n", StringComparison.Ordinal) ? text.IndexOf("\n---", 3, StringComparison.Ordinal) : -1;
        if (end < 0)
        {
            errors.Add(file, 1, null, text.StartsWith("---\n", StringComparison.Ordinal)
                ? "the front matter is not closed by a '---' line"
                : "must start with a '---' line opening the YAML front matter");
            return null;
        }

        // The front matter starts on line 2: reading it after one empty line gives the file's line numbers.
        var yaml = "\n" + text[4..(end + 1)];
        var afterFence = text.IndexOf('\n', end + 1);
        var body = afterFence < 0 ? string.Empty : text[(afterFence + 1)..];
        var bodyLine = text[..(end + 1)].Count(c => c == '\n') + 2;
        if (string.IsNullOrWhiteSpace(yaml))
        {
            errors.Add(file, 2, null, "the front matter is empty");
            return null;
        }

        FrontMatter front;
        try
        {
            front = YamlContent.Read<FrontMatter>(yaml, file);
        }
        catch (ContentException ex)
        {
            errors.Add(ex);
            return null;
        }

        var before = errors.Problems.Count;
        var lines = YamlContent.KeyLines(yaml);
        int Line(string key) => lines.GetValueOrDefault(key, 2);
        void Problem(string key, string problem) => errors.Add(file, Line(key), key, problem);
        string? Required(string key, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Problem(key, lines.ContainsKey(key) ? "must be a single non-empty value" : "required key is missing");
                return null;
            }

            return value.Trim();
        }

        List<string> Texts(string key, List<string?>? items)
        {
            if (items?.Any(string.IsNullOrWhiteSpace) == true)
            {
                Problem(key, "must be a list of non-empty text items");
                return [];
            }

            return [.. (items ?? []).Select(i => i!.Trim())];
        }

        var id = Required("id", front.Id);
        if (id is not null && !IdPattern().IsMatch(id))
        {
            Problem("id", $"'{id}' is not kebab-case (lower-case letters, digits and single hyphens)");
        }

        var topic = Required("topic", front.Topic);
        if (topic is not null && !topics.ContainsKey(topic))
        {
            Problem("topic", $"unknown topic '{topic}' (see {TopicsFile})");
        }

        var title = Required("title", front.Title);
        var audienceText = Required("audience", front.Audience);
        var audience = Audience.Both;
        if (audienceText is not null && !AudienceExtensions.TryParse(audienceText, out audience))
        {
            Problem("audience", $"'{audienceText}' must be patient, staff or both");
        }

        var reviewedText = Required("reviewed", front.Reviewed);
        var reviewed = default(DateOnly);
        if (reviewedText is not null && !DateOnly.TryParseExact(reviewedText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out reviewed))
        {
            Problem("reviewed", $"'{reviewedText}' is not a date like 2026-01-31");
        }

        var sources = Texts("sources", front.Sources);
        if (front.Sources is null)
        {
            Problem("sources", lines.ContainsKey("sources") ? "name at least one source" : "required key is missing");
        }
        else if (sources.Count == 0 && errors.Problems.Count == before)
        {
            Problem("sources", "name at least one source");
        }

        var questions = Texts("questions", front.Questions);
        var related = Texts("related", front.Related);
        foreach (var r in related.Where(r => !topics.ContainsKey(r)))
        {
            Problem("related", $"unknown topic '{r}' (see {TopicsFile})");
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            errors.Add(file, bodyLine, null, "the body after the front matter is empty");
        }

        body = FillPlaceholders(file, bodyLine, body.Trim(), errors);
        title = title is null ? null : FillPlaceholders(file, Line("title"), title, errors);
        return errors.Problems.Count > before
            ? null
            : new Passage(id!, topic!, title!, audience, sources, reviewed, questions, related, body, file);
    }

    private static T? Read<T>(string folder, string name, ContentErrors errors, bool optional)
        where T : class
    {
        var path = Path.Combine(folder, name);
        if (!File.Exists(path))
        {
            if (!optional)
            {
                errors.Add(name, 0, null, "file is missing");
            }

            return null;
        }

        try
        {
            return YamlContent.Read<T>(File.ReadAllText(path), name);
        }
        catch (ContentException ex)
        {
            errors.Add(ex);
            return null;
        }
    }

    private static Dictionary<string, TopicInfo> LoadTopics(TopicList? file, ContentErrors errors)
    {
        var topics = new Dictionary<string, TopicInfo>(StringComparer.Ordinal);
        if (file is { Topics: null })
        {
            errors.Add(TopicsFile, file.Line, "topics", "must hold a list of topics with id and label");
        }

        foreach (var entry in file?.Topics ?? [])
        {
            if (string.IsNullOrWhiteSpace(entry?.Id) || string.IsNullOrWhiteSpace(entry.Label))
            {
                errors.Add(TopicsFile, entry?.Line ?? 0, "topics", "each topic needs an id and a label");
            }
            else if (!topics.TryAdd(entry.Id, new TopicInfo(entry.Id, entry.Label)))
            {
                errors.Add(TopicsFile, entry.Line, "id", $"duplicate topic '{entry.Id}'");
            }
        }

        return topics;
    }

    private static List<SynonymRule> LoadSynonyms(SynonymList? file, ContentErrors errors)
    {
        if (file is { Synonyms: null })
        {
            errors.Add(SynonymsFile, file.Line, "synonyms", "must hold a list of entries with 'when' and 'expand'");
        }

        var rules = new List<SynonymRule>();
        foreach (var entry in file?.Synonyms ?? [])
        {
            if (entry is not { When: { Count: > 0 } when, Expand: { Count: > 0 } expand } || when.Concat(expand).Any(string.IsNullOrWhiteSpace))
            {
                errors.Add(SynonymsFile, entry?.Line ?? 0, null, "each entry needs non-empty 'when' and 'expand' lists of words");
                continue;
            }

            rules.Add(new SynonymRule(
                [.. when.Select(s => s!.Trim().ToLowerInvariant())],
                [.. expand.Select(s => s!.Trim().ToLowerInvariant())]));
        }

        return rules;
    }

    private string FillPlaceholders(string file, int line, string text, ContentErrors errors)
    {
        foreach (var name in Placeholders.Names(text).Where(n => !_placeholders.ContainsKey(n)).Distinct(StringComparer.Ordinal))
        {
            errors.Add(file, line, null, $"unknown placeholder '{{{{{name}}}}}' (known: {string.Join(", ", _placeholders.Keys)})");
        }

        return Placeholders.Fill(text, _placeholders);
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    /// <summary>A passage's front matter as written.</summary>
    private sealed class FrontMatter
    {
        public string? Id { get; set; }

        public string? Topic { get; set; }

        public string? Title { get; set; }

        public string? Audience { get; set; }

        public List<string?>? Sources { get; set; }

        public string? Reviewed { get; set; }

        public List<string?>? Questions { get; set; }

        public List<string?>? Related { get; set; }
    }

    /// <summary><c>topics.yaml</c> as written.</summary>
    private sealed class TopicList : YamlRecord
    {
        public List<TopicEntry?>? Topics { get; set; }
    }

    /// <summary>One topic; <c>covers</c> documents the topic for editors and is not read.</summary>
    private sealed class TopicEntry : YamlRecord
    {
        public string? Id { get; set; }

        public string? Label { get; set; }

        public string? Covers { get; set; }
    }

    /// <summary><c>synonyms.yaml</c> as written.</summary>
    private sealed class SynonymList : YamlRecord
    {
        public List<SynonymEntry?>? Synonyms { get; set; }
    }

    /// <summary>One synonym entry.</summary>
    private sealed class SynonymEntry : YamlRecord
    {
        public List<string?>? When { get; set; }

        public List<string?>? Expand { get; set; }
    }
}
