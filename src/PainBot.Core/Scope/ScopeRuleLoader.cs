using System.Text.RegularExpressions;
using PainBot.Core.Content;

namespace PainBot.Core.Scope;

/// <summary>
/// Loads and validates <c>scope-rules.yaml</c> from a scope folder (see the README there).
/// Every problem is collected and reported together; a file with any problem yields no rules.
/// </summary>
public static partial class ScopeRuleLoader
{
    /// <summary>The rules file inside the scope folder.</summary>
    public const string FileName = "scope-rules.yaml";

    // Against a pattern that backtracks badly; a normalised message is plain words, so a well-formed rule
    // finishes in microseconds (the slowest hostile 4,000-character message of the latency benchmark in 20-40 ms).
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(50);

    /// <summary>Loads <c>scope-rules.yaml</c> from <paramref name="scopeFolder"/>.</summary>
    /// <exception cref="ContentException">The folder or file is missing or breaks a rule; the message lists every problem.</exception>
    public static ScopeRules Load(string scopeFolder)
    {
        var path = Path.Combine(scopeFolder, FileName);
        return File.Exists(path)
            ? Parse(File.ReadAllText(path), FileName)
            : throw new ContentException($"{path}: the scope rules file does not exist");
    }

    /// <summary>Parses the text of a rules file; <paramref name="file"/> names it in error messages.</summary>
    /// <exception cref="ContentException">The text breaks a rule.</exception>
    public static ScopeRules Parse(string yaml, string file)
    {
        var content = YamlContent.Read<ScopeFile>(yaml, file);
        var reader = new Reader(file, YamlContent.KeyLines(yaml), content.Lists ?? []);
        var care = content.CareVocabulary is { } entry
            ? reader.Rule("care_vocabulary", entry, ScopeVerdict.In, defaultId: "care-vocabulary")
            : reader.Missing("care_vocabulary");
        var injection = reader.Category("injection", content.Injection, ScopeVerdict.Injection);
        var privacy = reader.Category("privacy", content.Privacy, ScopeVerdict.Privacy);
        var clinician = reader.Category("clinician", content.Clinician, ScopeVerdict.Clinician);
        var outRules = reader.Category("out", content.Out, ScopeVerdict.Out);
        reader.Errors.ThrowIfAny();
        return new ScopeRules(injection, privacy, clinician, outRules, care!);
    }

    /// <summary>
    /// Folds a rule's alternatives into one expression on the backtracking interpreter, with word edges on both
    /// sides, so "act as" never matches inside "react assertively" (on normalised text, letters, digits and single
    /// spaces, <c>\b</c> is exactly a word edge). Not the non-backtracking engine: every instance of it held 2-3 MB
    /// (200 MB for these rules) and took 1.5 s to build, against 2.4 MB and 0.13 s for all of them interpreted,
    /// for about 70 µs more per message (the latency benchmark reports these figures). Backtracking stays bounded because matches
    /// can only start at a word edge and every repetition in the rules is bounded (<c>( \w+){0,3}</c>) and cannot
    /// cross a space; <see cref="MatchTimeout"/> is the backstop.
    /// </summary>
    private static Regex? Compile(List<string> alternatives) =>
        alternatives.Count == 0
            ? null
            : new Regex(@"\b(?:" + string.Join('|', alternatives) + @")\b", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, MatchTimeout);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-z][a-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ListNamePattern();

    [GeneratedRegex(@"\{([a-z][a-z0-9_]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex ListReference();

    // Escapes such as \b, \d, \p{L}, \W and group names may use capitals; the rest of a pattern may not.
    [GeneratedRegex(@"\\[pP]\{[^}]*\}|\\[A-Za-z]|\(\?<[A-Za-z0-9_]+>", RegexOptions.CultureInvariant)]
    private static partial Regex EscapePattern();

    /// <summary>The file as written.</summary>
    private sealed class ScopeFile
    {
        public int Version { get; set; }

        public Dictionary<string, List<string?>?>? Lists { get; set; }

        public RuleEntry? CareVocabulary { get; set; }

        public List<RuleEntry?>? Injection { get; set; }

        public List<RuleEntry?>? Clinician { get; set; }

        public List<RuleEntry?>? Privacy { get; set; }

        public List<RuleEntry?>? Out { get; set; }
    }

    /// <summary>One rule as written.</summary>
    private sealed class RuleEntry : YamlRecord
    {
        public string? Id { get; set; }

        public string? Description { get; set; }

        public List<string?>? Phrases { get; set; }

        public List<string?>? Patterns { get; set; }
    }

    /// <summary>The validation pass: turns the file as written into rules, collecting every problem.</summary>
    private sealed class Reader
    {
        private readonly string _file;
        private readonly IReadOnlyDictionary<string, int> _keyLines;
        private readonly Dictionary<string, string> _lists = new(StringComparer.Ordinal);
        private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

        public Reader(string file, IReadOnlyDictionary<string, int> keyLines, Dictionary<string, List<string?>?> lists)
        {
            _file = file;
            _keyLines = keyLines;
            Errors = new ContentErrors("The scope rules");
            var line = keyLines.GetValueOrDefault("lists");
            foreach (var (name, phrases) in lists)
            {
                var key = $"lists.{name}";
                if (!ListNamePattern().IsMatch(name))
                {
                    Add(line, key, "list names are lower-case letters, digits and underscores");
                    continue;
                }

                var alternatives = Entries(phrases, line, key)
                    .Select(p => PhraseToRegex(line, key, p))
                    .OfType<string>()
                    .Distinct(StringComparer.Ordinal)
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (alternatives.Count == 0)
                {
                    Add(line, key, "the list is empty");
                    continue;
                }

                _lists[name] = "(?:" + string.Join('|', alternatives) + ")";
            }
        }

        public ContentErrors Errors { get; }

        public ScopeRule? Missing(string key)
        {
            Add(_keyLines.GetValueOrDefault(key), key, _keyLines.ContainsKey(key) ? "must not be empty" : "required key is missing");
            return null;
        }

        public List<ScopeRule> Category(string key, List<RuleEntry?>? entries, ScopeVerdict verdict)
        {
            if (entries is not { Count: > 0 })
            {
                Missing(key);
                return [];
            }

            var rules = new List<ScopeRule>();
            foreach (var entry in entries)
            {
                if (entry is null)
                {
                    Add(_keyLines.GetValueOrDefault(key), key, "a rule must be a mapping with id, description, phrases and/or patterns");
                }
                else if (Rule(key, entry, verdict, defaultId: null) is { } rule)
                {
                    rules.Add(rule);
                }
            }

            return rules;
        }

        public ScopeRule? Rule(string category, RuleEntry entry, ScopeVerdict verdict, string? defaultId)
        {
            var before = Errors.Problems.Count;
            var line = entry.Line;
            var id = entry.Id ?? defaultId;
            if (string.IsNullOrWhiteSpace(id) || !IdPattern().IsMatch(id))
            {
                Add(line, $"{category}.id", $"each rule needs an id in kebab-case (got '{id}')");
                id = null;
            }
            else if (!_ids.Add(id))
            {
                Add(line, $"{category}.id", $"duplicate id '{id}'");
            }

            var where = $"{category}[{id ?? "?"}]";
            var phrases = Entries(entry.Phrases, line, $"{where}.phrases")
                .Select(p => PhraseWords(line, $"{where}.phrases", p))
                .OfType<IReadOnlyList<string>>()
                .ToList();
            var alternatives = Entries(entry.Patterns, line, $"{where}.patterns")
                .Select(p => ExpandPattern(line, $"{where}.patterns", p))
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (phrases.Count == 0 && alternatives.Count == 0 && Errors.Problems.Count == before)
            {
                Add(line, where, "the rule has no phrases and no patterns");
            }

            return Errors.Problems.Count > before
                ? null
                : new ScopeRule(id!, verdict, entry.Description, new PhraseMatcher(phrases), Compile(alternatives));
        }

        /// <summary>A literal phrase as normalised words; a trailing <c>*</c> on a word (kept) matches any ending.</summary>
        private List<string>? PhraseWords(int line, string key, string phrase)
        {
            var words = new List<string>();
            foreach (var raw in phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = ScopeText.Words(ScopeText.Normalize(raw.TrimEnd('*')));
                words.AddRange(parts);
                if (raw.EndsWith('*') && parts.Length > 0)
                {
                    words[^1] += "*";
                }
            }

            if (words.Count == 0)
            {
                Add(line, key, $"phrase '{phrase}' has no letters or digits");
                return null;
            }

            return words;
        }

        /// <summary>A list entry as a regular expression over normalised text.</summary>
        private string? PhraseToRegex(int line, string key, string phrase) =>
            PhraseWords(line, key, phrase) is { } words
                ? string.Join(' ', words.Select(w => w.EndsWith('*') ? Regex.Escape(w.TrimEnd('*')) + "[a-z0-9]*" : Regex.Escape(w)))
                : null;

        private string? ExpandPattern(int line, string key, string pattern)
        {
            var withoutEscapes = EscapePattern().Replace(pattern, string.Empty);
            if (withoutEscapes.Any(char.IsUpper) || withoutEscapes.Any(c => c > 127))
            {
                Add(line, key, $"pattern '{pattern}' must be written in lower case without accents (messages are normalised that way)");
                return null;
            }

            var missing = new List<string>();
            var expanded = ListReference().Replace(pattern, m =>
            {
                if (_lists.TryGetValue(m.Groups[1].Value, out var alternatives))
                {
                    return alternatives;
                }

                missing.Add(m.Groups[1].Value);
                return m.Value;
            });
            if (missing.Count > 0)
            {
                Add(line, key, $"pattern '{pattern}' refers to unknown list(s) {string.Join(", ", missing.Select(n => "{" + n + "}"))} (define them under 'lists')");
                return null;
            }

            try
            {
                _ = new Regex(expanded, RegexOptions.CultureInvariant, MatchTimeout);
            }
            catch (ArgumentException ex)
            {
                Add(line, key, $"pattern '{pattern}' is not a valid regular expression: {ex.Message}");
                return null;
            }

            // Normalised text has only letters, digits and single spaces; the narrow class keeps the automata small.
            return "(?:" + expanded.Replace(@"\w", "[a-z0-9]", StringComparison.Ordinal) + ")";
        }

        private List<string> Entries(List<string?>? items, int line, string key)
        {
            foreach (var _ in (items ?? []).Where(string.IsNullOrWhiteSpace))
            {
                Add(line, key, "each entry must be a non-empty string");
            }

            return [.. (items ?? []).Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => i!)];
        }

        private void Add(int line, string key, string problem) => Errors.Add(_file, line, key, problem);
    }
}
