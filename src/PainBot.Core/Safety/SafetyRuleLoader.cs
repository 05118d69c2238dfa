using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using PainBot.Core.Content;
using PainBot.Core.Safety.Rules;
using PainBot.Core.Text;

namespace PainBot.Core.Safety;

/// <summary>
/// Reads and validates <c>knowledge/safety/</c>: <c>triage.yaml</c> (negation and question cues),
/// <c>responses.yaml</c> (shared texts) and every other <c>*.yaml</c> as a rule file. The files are read into
/// the records below, then checked in one pass; any problem throws a <see cref="ContentException"/> listing
/// every one with file, line and rule, because triage must not run on rules that were silently half-read.
/// </summary>
public static partial class SafetyRuleLoader
{
    /// <summary>File holding language settings.</summary>
    public const string SettingsFile = "triage.yaml";

    /// <summary>File holding shared response texts.</summary>
    public const string ResponsesFile = "responses.yaml";

    private const string UseLevels = "(use emergency, crisis, urgent or med_safety)";

    // Known names map to nothing, so whatever "{{...}}" is left after filling is unknown or malformed.
    private static readonly FrozenDictionary<string, string> KnownPlaceholders = new[]
    {
        "emergency.number", "crisis.line", "crisis.text", "clinic.phone", "poison.help", "urgent.line",
    }.ToFrozenDictionary(p => p, _ => string.Empty, StringComparer.Ordinal);

    private static readonly SafetyLevel[] Levels = [SafetyLevel.Emergency, SafetyLevel.Crisis, SafetyLevel.Urgent, SafetyLevel.MedSafety];

    /// <summary>Loads every rule file in <paramref name="safetyFolder"/>.</summary>
    /// <exception cref="ContentException">A file is missing, is not valid YAML, or a rule is incomplete or inconsistent.</exception>
    public static SafetyRuleSet Load(string safetyFolder)
    {
        if (!Directory.Exists(safetyFolder))
        {
            throw new ContentException($"{safetyFolder}: safety rules folder not found");
        }

        var settings = YamlContent.ReadFile<SettingsRecord>(Path.Combine(safetyFolder, SettingsFile), SettingsFile);
        var responses = YamlContent.ReadFile<ResponsesRecord>(Path.Combine(safetyFolder, ResponsesFile), ResponsesFile);
        var ruleFiles = Directory.GetFiles(safetyFolder, "*.yaml")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(f => !f.Equals(SettingsFile, StringComparison.OrdinalIgnoreCase) && !f.Equals(ResponsesFile, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(f => (File: f, Record: YamlContent.ReadFile<RuleFileRecord>(Path.Combine(safetyFolder, f), f)))
            .ToList();
        return ruleFiles.Count > 0
            ? new Validator().Build(settings, responses, ruleFiles)
            : throw new ContentException($"{safetyFolder}: no rule files (*.yaml besides triage.yaml and responses.yaml)");
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdRegex();

    /// <summary>The one validation pass: checks the records, interns patterns and builds the rule set.</summary>
    private sealed class Validator
    {
        private readonly ContentErrors _errors = new("The safety rules");
        private readonly List<PatternTerm> _terms = [];
        private readonly Dictionary<string, int> _termIndex = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);

        public SafetyRuleSet Build(SettingsRecord settings, ResponsesRecord responses, List<(string File, RuleFileRecord Record)> ruleFiles)
        {
            var triage = Settings(settings);
            var levelTexts = LevelTexts(responses);
            var texts = Texts(responses);
            foreach (var (file, record) in ruleFiles.Where(f => f.Record.Rules is not { Count: > 0 }))
            {
                Error(file, record.Line, null, "missing 'rules' (a rule file has 'rules:' and optional 'notes:')");
            }

            // An empty list item ("-" alone) reads as null; checking it as a rule without anything reports it.
            var rules = ruleFiles.SelectMany(f => (f.Record.Rules ?? []).Select(r => Rule(f.File, r ?? new RuleRecord(), texts))).ToList();
            _errors.ThrowIfAny();
            return new([.. rules.Select((r, i) => r! with { Order = i })], _terms, levelTexts, triage!);
        }

        private TriageSettings? Settings(SettingsRecord record)
        {
            if (record is not { Negation: { } negation, Informational: { } informational })
            {
                return Fail<TriageSettings?>(SettingsFile, record.Line, null, "needs both 'negation' and 'informational'", null);
            }

            var window = 0;
            if (negation.Window is not { } text || !int.TryParse(text.Value, NumberStyles.None, CultureInfo.InvariantCulture, out window) || window is < 1 or > 12)
            {
                Error(SettingsFile, negation.Window?.Line ?? negation.Line, null, "negation window must be a whole number from 1 to 12");
            }

            return new TriageSettings(
                Words(negation.Cues, "cues", negation.Line),
                Words(negation.Breakers, "breakers", negation.Line),
                window,
                Terms(SettingsFile, null, informational.Cues, "cues", informational.Line, required: true),
                Terms(SettingsFile, null, informational.ReportedNow, "reported_now", informational.Line, required: true));
        }

        private Dictionary<SafetyLevel, SafetyLevelText> LevelTexts(ResponsesRecord record)
        {
            var result = new Dictionary<SafetyLevel, SafetyLevelText>();
            foreach (var (name, texts) in record.Levels ?? [])
            {
                if (!SafetyLevelNames.TryParse(name, out var level) || texts is null)
                {
                    Error(ResponsesFile, texts?.Line ?? record.Line, null, texts is null ? $"level '{name}' must be a mapping with informational/staff/follow_up" : $"unknown level '{name}' {UseLevels}");
                    continue;
                }

                result[level] = new SafetyLevelText(
                    Text(ResponsesFile, null, texts.Informational, "informational", texts.Line, required: true) ?? string.Empty,
                    Text(ResponsesFile, null, texts.Staff, "staff", texts.Line, required: false) ?? string.Empty,
                    Text(ResponsesFile, null, texts.FollowUp, "follow_up", texts.Line, required: false) ?? string.Empty);
            }

            foreach (var level in Levels.Where(l => !result.ContainsKey(l)))
            {
                Error(ResponsesFile, record.Line, null, $"levels: missing entry for '{level.ToWire()}'");
            }

            return result;
        }

        private Dictionary<string, string> Texts(ResponsesRecord record)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, text) in record.Texts ?? [])
            {
                // Kept as written (with its final line break), as replies have always been.
                if (Text(ResponsesFile, null, text, name, record.Line, required: true) is not null)
                {
                    result[name] = text!.Value;
                }
            }

            return result;
        }

        private SafetyRule? Rule(string file, RuleRecord rule, Dictionary<string, string> texts)
        {
            var id = rule.Id?.Value;
            if (id is null || !IdRegex().IsMatch(id))
            {
                Error(file, rule.Id?.Line ?? rule.Line, null, id is null ? "rule without 'id'" : $"id '{id}' must be lower-case words joined by '-', e.g. emergency-chest-pain");
            }
            else if (!_ids.TryAdd(id, $"{file}:{rule.Id!.Line}"))
            {
                Error(file, rule.Id.Line, id, $"duplicate id (first defined in {_ids[id]})");
            }

            if (!SafetyLevelNames.TryParse(rule.Level?.Value, out var level))
            {
                Error(file, rule.Level?.Line ?? rule.Line, id, rule.Level is null ? "missing 'level'" : $"unknown level '{rule.Level.Value}' {UseLevels}");
            }

            var source = Text(file, id, rule.Source, "source", rule.Line, required: true);
            var response = Text(file, id, rule.Response, "response", rule.Line, required: false);
            if (rule.ResponseId is { } responseId)
            {
                response = response is not null ? Fail<string?>(file, responseId.Line, id, "give either 'response' or 'response_id', not both", null)
                    : texts.TryGetValue(responseId.Value, out var shared) ? shared
                    : Fail<string?>(file, responseId.Line, id, $"response_id '{responseId.Value}' is not defined under 'texts:' in {ResponsesFile}", null);
            }
            else if (rule.Response is null)
            {
                Error(file, rule.Line, id, "missing response (add 'response:' text or 'response_id:')");
            }

            if (rule.Match is not { Count: > 0 })
            {
                Error(file, rule.Line, id, "'match' needs at least one clause");
            }

            var clauses = (rule.Match ?? []).Select(c => Clause(file, id, c ?? new ClauseRecord { Line = rule.Line })).ToList();
            var unless = Terms(file, id, rule.Unless, "unless", rule.Line, required: false);
            var topics = Terms(file, id, rule.Topics, "topics", rule.Line, required: false);
            return id is null || source is null || response is null || level == SafetyLevel.None
                ? null
                : new SafetyRule(id, level, source, response, file, rule.Line) { Clauses = clauses, Unless = unless, Topics = topics, AlwaysAct = rule.AlwaysAct ?? false };
        }

        private RuleClause Clause(string file, string? id, ClauseRecord clause)
        {
            List<IReadOnlyList<int>> groups = clause.Any is { } any ? [Terms(file, id, any, "any", clause.Line, required: true)] : [];
            groups.AddRange((clause.All ?? []).Select(g => Terms(file, id, g, "all", clause.Line, required: true)));
            if (groups.Count == 0)
            {
                Error(file, clause.Line, id, clause.All is null ? "match clause has neither 'any' nor 'all'" : "'all' must be a list of groups, each a list of alternatives");
            }

            var window = clause.Within?.Value switch
            {
                null or "message" => MatchWindow.Message,
                "sentence" => MatchWindow.Sentence,
                var text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var words) && words is >= 2 and <= 40 => new MatchWindow(words),
                var text => Fail(file, clause.Within!.Line, id, $"within '{text}' must be 'message', 'sentence' or a number of words from 2 to 40", MatchWindow.Message),
            };
            return new RuleClause(groups, window);
        }

        private List<int> Terms(string file, string? id, YamlTextList? list, string key, int parentLine, bool required)
        {
            if (list is not { Items.Count: > 0 })
            {
                return list is null && !required ? [] : Fail<List<int>>(file, list?.Line ?? parentLine, id, list is null ? $"missing '{key}'" : $"'{key}' is an empty list of patterns", []);
            }

            var result = new List<int>(list.Items.Count);
            foreach (var item in list.Items)
            {
                if (PatternCompiler.Compile(item.Value, out var problem) is not { } term)
                {
                    Error(file, item.Line, id, problem!);
                    continue;
                }

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

        private FrozenSet<string> Words(YamlTextList? list, string key, int parentLine)
        {
            var words = new List<string>();
            foreach (var item in list?.Items ?? [])
            {
                var normalized = TextNormalizer.Normalize(item.Value);
                if (normalized.Count == 1)
                {
                    words.Add(normalized[0].Text);
                }
                else
                {
                    Error(SettingsFile, item.Line, null, $"'{key}' entries must be single words");
                }
            }

            return list is null ? Fail<FrozenSet<string>>(SettingsFile, parentLine, null, $"missing '{key}'", []) : words.ToFrozenSet(StringComparer.Ordinal);
        }

        private string? Text(string file, string? id, YamlText? text, string key, int parentLine, bool required)
        {
            if (text is null || string.IsNullOrWhiteSpace(text.Value))
            {
                return text is null && !required ? null : Fail<string?>(file, text?.Line ?? parentLine, id, text is null ? $"missing '{key}'" : $"'{key}' is empty", null);
            }

            var left = Placeholders.Fill(text.Value, KnownPlaceholders);
            if (left.IndexOf("{{", StringComparison.Ordinal) is >= 0 and var at)
            {
                var end = left.IndexOf("}}", at, StringComparison.Ordinal);
                var known = string.Join(", ", KnownPlaceholders.Keys.Order(StringComparer.Ordinal).Select(p => "{{" + p + "}}"));
                Error(file, text.Line, id, $"unknown placeholder '{(end < 0 ? left[at..] : left[at..(end + 2)])}' (known: {known})");
            }

            return text.Value.Trim();
        }

        private T Fail<T>(string file, int line, string? id, string problem, T fallback)
        {
            Error(file, line, id, problem);
            return fallback;
        }

        private void Error(string file, int line, string? id, string problem) =>
            _errors.Add(file, line, null, id is null ? problem : $"rule '{id}': {problem}");
    }

    private sealed class SettingsRecord : YamlRecord
    {
        public NegationRecord? Negation { get; set; }

        public InformationalRecord? Informational { get; set; }
    }

    private sealed class NegationRecord : YamlRecord
    {
        public YamlTextList? Cues { get; set; }

        public YamlTextList? Breakers { get; set; }

        public YamlText? Window { get; set; }
    }

    private sealed class InformationalRecord : YamlRecord
    {
        public YamlTextList? Cues { get; set; }

        public YamlTextList? ReportedNow { get; set; }
    }

    private sealed class ResponsesRecord : YamlRecord
    {
        public Dictionary<string, LevelTextsRecord?>? Levels { get; set; }

        public Dictionary<string, YamlText?>? Texts { get; set; }
    }

    private sealed class LevelTextsRecord : YamlRecord
    {
        public YamlText? Informational { get; set; }

        public YamlText? Staff { get; set; }

        public YamlText? FollowUp { get; set; }
    }

    private sealed class RuleFileRecord : YamlRecord
    {
        public List<RuleRecord?>? Rules { get; set; }

        public object? Notes { get; set; }
    }

    private sealed class RuleRecord : YamlRecord
    {
        public YamlText? Id { get; set; }

        public YamlText? Level { get; set; }

        public YamlText? Source { get; set; }

        public List<ClauseRecord?>? Match { get; set; }

        public YamlTextList? Unless { get; set; }

        public YamlTextList? Topics { get; set; }

        public YamlText? Response { get; set; }

        public YamlText? ResponseId { get; set; }

        public bool? AlwaysAct { get; set; }

        public object? Notes { get; set; }
    }

    private sealed class ClauseRecord : YamlRecord
    {
        public YamlTextList? Any { get; set; }

        public List<YamlTextList>? All { get; set; }

        public YamlText? Within { get; set; }
    }
}
