using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using PainBot.Core.Safety.Rules;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PainBot.Core.Safety;

/// <summary>
/// Reads and validates <c>knowledge/safety/</c>: <c>triage.yaml</c> (negation and question cues),
/// <c>responses.yaml</c> (shared texts) and every other <c>*.yaml</c> as a rule file. Any problem throws a
/// <see cref="SafetyRuleException"/> naming the file, line and rule, because triage must not run on rules
/// that were silently half-read.
/// </summary>
public static partial class SafetyRuleLoader
{
    /// <summary>File holding language settings.</summary>
    public const string SettingsFile = "triage.yaml";

    /// <summary>File holding shared response texts.</summary>
    public const string ResponsesFile = "responses.yaml";

    private static readonly FrozenSet<string> KnownPlaceholders = FrozenSet.Create(
        StringComparer.Ordinal, "emergency.number", "crisis.line", "crisis.text", "clinic.phone", "poison.help", "urgent.line");

    private static readonly FrozenSet<string> RuleKeys = FrozenSet.Create(
        StringComparer.Ordinal, "id", "level", "source", "match", "unless", "topics", "response", "response_id", "always_act", "notes");

    /// <summary>Loads every rule file in <paramref name="safetyFolder"/>.</summary>
    /// <exception cref="SafetyRuleException">A file is missing, is not valid YAML, or a rule is incomplete or inconsistent.</exception>
    public static SafetyRuleSet Load(string safetyFolder)
    {
        if (!Directory.Exists(safetyFolder))
        {
            throw new SafetyRuleException(safetyFolder, 0, null, "safety rules folder not found");
        }

        var builder = new Builder();
        builder.ReadSettings(RequireFile(safetyFolder, SettingsFile));
        builder.ReadResponses(RequireFile(safetyFolder, ResponsesFile));
        var ruleFiles = Directory.GetFiles(safetyFolder, "*.yaml")
            .Where(f => !IsSpecial(f))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (ruleFiles.Count == 0)
        {
            throw new SafetyRuleException(safetyFolder, 0, null, "no rule files (*.yaml besides triage.yaml and responses.yaml)");
        }

        foreach (var file in ruleFiles)
        {
            builder.ReadRules(file);
        }

        return builder.Build();
    }

    private static bool IsSpecial(string path)
    {
        var name = Path.GetFileName(path);
        return name.Equals(SettingsFile, StringComparison.OrdinalIgnoreCase) || name.Equals(ResponsesFile, StringComparison.OrdinalIgnoreCase);
    }

    private static string RequireFile(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        return File.Exists(path) ? path : throw new SafetyRuleException(name, 0, null, $"required file missing from {folder}");
    }

    [GeneratedRegex(@"\{\{\s*([^}]*?)\s*\}\}")]
    private static partial Regex PlaceholderRegex();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdRegex();

    /// <summary>Accumulates what the files say, interning patterns, and checks cross-file consistency.</summary>
    private sealed class Builder
    {
        private readonly List<PatternTerm> _terms = [];
        private readonly Dictionary<string, int> _termIndex = new(StringComparer.Ordinal);
        private readonly List<SafetyRule> _rules = [];
        private readonly Dictionary<string, (string File, int Line)> _ids = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);
        private readonly Dictionary<SafetyLevel, SafetyLevelText> _levelTexts = [];
        private TriageSettings? _settings;

        public void ReadSettings(string path)
        {
            var file = Path.GetFileName(path);
            var root = LoadRoot(path);
            var negation = Child<YamlMappingNode>(root, "negation", file, null, required: true)!;
            var informational = Child<YamlMappingNode>(root, "informational", file, null, required: true)!;
            var cues = Words(negation, "cues", file);
            var breakers = Words(negation, "breakers", file);
            var windowNode = Child<YamlScalarNode>(negation, "window", file, null, required: true)!;
            if (!int.TryParse(windowNode.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var window) || window is < 1 or > 12)
            {
                throw Error(file, windowNode, null, "negation window must be a whole number from 1 to 12");
            }

            var infoCues = Terms(informational, "cues", file, null, required: true);
            var report = Terms(informational, "reported_now", file, null, required: true);
            _settings = new TriageSettings(cues.ToFrozenSet(StringComparer.Ordinal), breakers.ToFrozenSet(StringComparer.Ordinal), window, infoCues, report);
        }

        public void ReadResponses(string path)
        {
            var file = Path.GetFileName(path);
            var root = LoadRoot(path);
            var levels = Child<YamlMappingNode>(root, "levels", file, null, required: true)!;
            foreach (var (keyNode, valueNode) in levels.Children)
            {
                var name = ((YamlScalarNode)keyNode).Value;
                if (!SafetyLevelNames.TryParse(name, out var level))
                {
                    throw Error(file, keyNode, null, $"unknown level '{name}' (use emergency, crisis, urgent or med_safety)");
                }

                if (valueNode is not YamlMappingNode map)
                {
                    throw Error(file, valueNode, null, $"level '{name}' must be a mapping with informational/staff/follow_up");
                }

                var info = Text(map, "informational", file, null, required: true)!;
                var staff = Text(map, "staff", file, null, required: false) ?? string.Empty;
                var follow = Text(map, "follow_up", file, null, required: false) ?? string.Empty;
                _levelTexts[level] = new SafetyLevelText(info, staff, follow);
            }

            foreach (var level in new[] { SafetyLevel.Emergency, SafetyLevel.Crisis, SafetyLevel.Urgent, SafetyLevel.MedSafety })
            {
                if (!_levelTexts.ContainsKey(level))
                {
                    throw Error(file, levels, null, $"levels: missing entry for '{level.ToWire()}'");
                }
            }

            if (Child<YamlMappingNode>(root, "texts", file, null, required: false) is { } texts)
            {
                foreach (var (keyNode, valueNode) in texts.Children)
                {
                    var name = ((YamlScalarNode)keyNode).Value ?? string.Empty;
                    if (valueNode is not YamlScalarNode { Value: { Length: > 0 } value })
                    {
                        throw Error(file, valueNode, null, $"text '{name}' must be non-empty text");
                    }

                    CheckPlaceholders(value, file, valueNode, null);
                    if (!_texts.TryAdd(name, value))
                    {
                        throw Error(file, keyNode, null, $"text '{name}' is defined twice");
                    }
                }
            }
        }

        public void ReadRules(string path)
        {
            var file = Path.GetFileName(path);
            var root = LoadRoot(path);
            foreach (var (keyNode, _) in root.Children)
            {
                var key = ((YamlScalarNode)keyNode).Value;
                if (key is not ("rules" or "notes"))
                {
                    throw Error(file, keyNode, null, $"unknown top-level key '{key}' (a rule file has 'rules:' and optional 'notes:')");
                }
            }

            var rules = Child<YamlSequenceNode>(root, "rules", file, null, required: true)!;
            foreach (var node in rules.Children)
            {
                if (node is not YamlMappingNode map)
                {
                    throw Error(file, node, null, "each rule must be a mapping (id, level, source, match, response)");
                }

                _rules.Add(ReadRule(map, file));
            }
        }

        public SafetyRuleSet Build() => new(_rules, _terms, _levelTexts, _settings!);

        private SafetyRule ReadRule(YamlMappingNode map, string file)
        {
            var idNode = Child<YamlScalarNode>(map, "id", file, null, required: true)!;
            var id = idNode.Value ?? string.Empty;
            if (!IdRegex().IsMatch(id))
            {
                throw Error(file, idNode, null, $"id '{id}' must be lower-case words joined by '-', e.g. emergency-chest-pain");
            }

            if (_ids.TryGetValue(id, out var first))
            {
                throw Error(file, idNode, id, $"duplicate id (first defined in {first.File}:{first.Line})");
            }

            _ids[id] = (file, Line(idNode));
            foreach (var (keyNode, _) in map.Children)
            {
                var key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
                if (!RuleKeys.Contains(key))
                {
                    throw Error(file, keyNode, id, $"unknown key '{key}' (allowed: {string.Join(", ", RuleKeys.Order(StringComparer.Ordinal))})");
                }
            }

            var levelNode = Child<YamlScalarNode>(map, "level", file, id, required: true)!;
            if (!SafetyLevelNames.TryParse(levelNode.Value, out var level))
            {
                throw Error(file, levelNode, id, $"unknown level '{levelNode.Value}' (use emergency, crisis, urgent or med_safety)");
            }

            var source = Text(map, "source", file, id, required: true)!;
            var response = Text(map, "response", file, id, required: false);
            var responseIdNode = Child<YamlScalarNode>(map, "response_id", file, id, required: false);
            if (response is not null && responseIdNode is not null)
            {
                throw Error(file, responseIdNode, id, "give either 'response' or 'response_id', not both");
            }

            if (responseIdNode is not null)
            {
                if (!_texts.TryGetValue(responseIdNode.Value ?? string.Empty, out response))
                {
                    throw Error(file, responseIdNode, id, $"response_id '{responseIdNode.Value}' is not defined under 'texts:' in {ResponsesFile}");
                }
            }

            if (response is null)
            {
                throw Error(file, map, id, "missing response (add 'response:' text or 'response_id:')");
            }

            var matchNode = Child<YamlSequenceNode>(map, "match", file, id, required: true)!;
            var clauses = new List<RuleClause>();
            foreach (var clauseNode in matchNode.Children)
            {
                clauses.Add(ReadClause(clauseNode, file, id));
            }

            if (clauses.Count == 0)
            {
                throw Error(file, matchNode, id, "'match' needs at least one clause");
            }

            var alwaysAct = false;
            if (Child<YamlScalarNode>(map, "always_act", file, id, required: false) is { } actNode)
            {
                alwaysAct = actNode.Value switch
                {
                    "true" => true,
                    "false" => false,
                    _ => throw Error(file, actNode, id, "always_act must be true or false"),
                };
            }

            return new SafetyRule(id, level, source, response, file, Line(map))
            {
                Clauses = clauses,
                Unless = Terms(map, "unless", file, id, required: false),
                Topics = Terms(map, "topics", file, id, required: false),
                AlwaysAct = alwaysAct,
                Order = _rules.Count,
            };
        }

        private RuleClause ReadClause(YamlNode node, string file, string id)
        {
            if (node is not YamlMappingNode map)
            {
                throw Error(file, node, id, "each 'match' entry must be a mapping with 'any:' or 'all:' (and optional 'within:')");
            }

            var groups = new List<IReadOnlyList<int>>();
            var window = MatchWindow.Message;
            foreach (var (keyNode, valueNode) in map.Children)
            {
                var key = ((YamlScalarNode)keyNode).Value;
                switch (key)
                {
                    case "any":
                        groups.Add(TermList(valueNode, file, id));
                        break;
                    case "all":
                        if (valueNode is not YamlSequenceNode all || all.Children.Count == 0)
                        {
                            throw Error(file, valueNode, id, "'all' must be a list of groups, each a list of alternatives");
                        }

                        foreach (var group in all.Children)
                        {
                            groups.Add(TermList(group, file, id));
                        }

                        break;
                    case "within":
                        window = ParseWindow(valueNode, file, id);
                        break;
                    default:
                        throw Error(file, keyNode, id, $"unknown key '{key}' in a match clause (allowed: any, all, within)");
                }
            }

            if (groups.Count == 0)
            {
                throw Error(file, map, id, "match clause has neither 'any' nor 'all'");
            }

            return new RuleClause(groups, window);
        }

        private static MatchWindow ParseWindow(YamlNode node, string file, string id)
        {
            var text = (node as YamlScalarNode)?.Value;
            if (text == "message")
            {
                return MatchWindow.Message;
            }

            if (text == "sentence")
            {
                return MatchWindow.Sentence;
            }

            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var words) && words is >= 2 and <= 40)
            {
                return new MatchWindow(words);
            }

            throw Error(file, node, id, $"within '{text}' must be 'message', 'sentence' or a number of words from 2 to 40");
        }

        private List<int> Terms(YamlMappingNode map, string key, string file, string? id, bool required)
        {
            foreach (var (keyNode, valueNode) in map.Children)
            {
                if (((YamlScalarNode)keyNode).Value == key)
                {
                    return TermList(valueNode, file, id);
                }
            }

            return required ? throw Error(file, map, id, $"missing '{key}'") : [];
        }

        private List<int> TermList(YamlNode node, string file, string? id)
        {
            var items = node switch
            {
                YamlScalarNode scalar => [scalar],
                YamlSequenceNode seq => seq.Children.ToList(),
                _ => throw Error(file, node, id, "expected a pattern or a list of patterns"),
            };
            if (items.Count == 0)
            {
                throw Error(file, node, id, "empty list of patterns");
            }

            var result = new List<int>(items.Count);
            foreach (var item in items)
            {
                if (item is not YamlScalarNode { Value: { } text })
                {
                    throw Error(file, item, id, "a pattern must be plain text (did you nest a list too deep?)");
                }

                var term = PatternCompiler.Compile(text, out var problem) ?? throw Error(file, item, id, problem!);
                var termKey = PatternCompiler.Key(term);
                if (!_termIndex.TryGetValue(termKey, out var index))
                {
                    index = _terms.Count;
                    _terms.Add(term);
                    _termIndex[termKey] = index;
                }

                result.Add(index);
            }

            return result;
        }

        private static List<string> Words(YamlMappingNode map, string key, string file)
        {
            var node = Child<YamlSequenceNode>(map, key, file, null, required: true)!;
            var words = new List<string>();
            foreach (var item in node.Children)
            {
                var normalized = TextNormalizer.Normalize((item as YamlScalarNode)?.Value);
                if (normalized.Count != 1)
                {
                    throw Error(file, item, null, $"'{key}' entries must be single words");
                }

                words.Add(normalized[0].Text);
            }

            return words;
        }

        private static string? Text(YamlMappingNode map, string key, string file, string? id, bool required)
        {
            var node = Child<YamlScalarNode>(map, key, file, id, required);
            if (node is null)
            {
                return null;
            }

            if (string.IsNullOrWhiteSpace(node.Value))
            {
                throw Error(file, node, id, $"'{key}' is empty");
            }

            CheckPlaceholders(node.Value, file, node, id);
            return node.Value.Trim();
        }

        private static void CheckPlaceholders(string text, string file, YamlNode node, string? id)
        {
            foreach (Match m in PlaceholderRegex().Matches(text))
            {
                if (!KnownPlaceholders.Contains(m.Groups[1].Value))
                {
                    throw Error(file, node, id, $"unknown placeholder '{m.Value}' (known: {string.Join(", ", KnownPlaceholders.Order(StringComparer.Ordinal).Select(p => "{{" + p + "}}"))})");
                }
            }
        }

        private static T? Child<T>(YamlMappingNode map, string key, string file, string? id, bool required)
            where T : YamlNode
        {
            foreach (var (keyNode, valueNode) in map.Children)
            {
                if (((YamlScalarNode)keyNode).Value == key)
                {
                    return valueNode as T ?? throw Error(file, valueNode, id, $"'{key}' has the wrong shape (expected {Shape<T>()})");
                }
            }

            return required ? throw Error(file, map, id, $"missing '{key}'") : null;
        }

        private static string Shape<T>() => typeof(T) == typeof(YamlScalarNode) ? "text" : typeof(T) == typeof(YamlSequenceNode) ? "a list" : "a mapping";

        private static YamlMappingNode LoadRoot(string path)
        {
            var file = Path.GetFileName(path);
            var stream = new YamlStream();
            try
            {
                using var reader = new StreamReader(path);
                stream.Load(reader);
            }
            catch (YamlException ex)
            {
                throw new SafetyRuleException(file, (int)ex.Start.Line, null, $"not valid YAML: {ex.Message}", ex);
            }

            if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                throw new SafetyRuleException(file, 1, null, "expected one YAML document whose top level is a mapping");
            }

            return root;
        }

        private static int Line(YamlNode node) => (int)node.Start.Line;

        private static SafetyRuleException Error(string file, YamlNode node, string? id, string problem) => new(file, Line(node), id, problem);
    }
}
