using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PainBot.Core.Scope;

/// <summary>
/// Loads and validates <c>scope-rules.yaml</c> from a scope folder (see the README there).
/// Every problem is collected and reported together; a file with any problem yields no rules.
/// </summary>
public static partial class ScopeRuleLoader
{
    /// <summary>The rules file inside the scope folder.</summary>
    public const string FileName = "scope-rules.yaml";

    private const string ListsKey = "lists";
    private const string CareKey = "care_vocabulary";
    private const string InjectionKey = "injection";
    private const string ClinicianKey = "clinician";
    private const string OutKey = "out";

    private static readonly string[] TopKeys = ["version", ListsKey, CareKey, InjectionKey, ClinicianKey, OutKey];
    private static readonly string[] RuleKeys = ["id", "description", "phrases", "patterns"];

    // Against a pattern that backtracks badly; a normalised message is plain words, so a well-formed rule
    // finishes in microseconds (the slowest hostile 4,000-character message of the latency benchmark in 20-40 ms).
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(50);


    /// <summary>Loads <c>scope-rules.yaml</c> from <paramref name="scopeFolder"/>.</summary>
    /// <exception cref="ScopeRulesException">The folder or file is missing or breaks a rule; the message lists every problem.</exception>
    public static ScopeRules Load(string scopeFolder)
    {
        var path = Path.Combine(scopeFolder, FileName);
        if (!File.Exists(path))
        {
            throw new ScopeRulesException([$"{path}: the scope rules file does not exist"]);
        }

        return Parse(File.ReadAllText(path), FileName);
    }

    /// <summary>Parses the text of a rules file; <paramref name="file"/> names it in error messages.</summary>
    /// <exception cref="ScopeRulesException">The text breaks a rule.</exception>
    public static ScopeRules Parse(string yaml, string file)
    {
        var errors = new List<string>();
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map)
            {
                throw new ScopeRulesException([$"{file}:1: the file must be a YAML mapping with the keys {string.Join(", ", TopKeys)}"]);
            }

            root = map;
        }
        catch (YamlException ex)
        {
            throw new ScopeRulesException([$"{file}:{ex.Start.Line}: bad YAML: {ex.Message.Split('\n')[0]}"]);
        }

        var top = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (!TopKeys.Contains(key))
            {
                errors.Add(Error(file, keyNode, key, $"unknown key (allowed: {string.Join(", ", TopKeys)})"));
                continue;
            }

            top[key] = valueNode;
        }

        foreach (var key in new[] { CareKey, InjectionKey, ClinicianKey, OutKey }.Where(k => !top.ContainsKey(k)))
        {
            errors.Add($"{file}: '{key}': required key is missing");
        }

        var lists = LoadLists(file, top.GetValueOrDefault(ListsKey), errors);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        ScopeRule? care = null;
        if (top.TryGetValue(CareKey, out var careNode))
        {
            care = LoadRule(file, CareKey, careNode, ScopeVerdict.In, lists, ids, errors, defaultId: CareKey.Replace('_', '-'));
        }

        var injection = LoadCategory(file, InjectionKey, top.GetValueOrDefault(InjectionKey), ScopeVerdict.Injection, lists, ids, errors);
        var clinician = LoadCategory(file, ClinicianKey, top.GetValueOrDefault(ClinicianKey), ScopeVerdict.Clinician, lists, ids, errors);
        var outRules = LoadCategory(file, OutKey, top.GetValueOrDefault(OutKey), ScopeVerdict.Out, lists, ids, errors);

        if (errors.Count > 0 || care is null)
        {
            throw new ScopeRulesException(errors);
        }

        return new ScopeRules(injection, clinician, outRules, care);
    }

    private static Dictionary<string, string> LoadLists(string file, YamlNode? node, List<string> errors)
    {
        var lists = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is null)
        {
            return lists;
        }

        if (node is not YamlMappingNode map)
        {
            errors.Add(Error(file, node, ListsKey, "must map list names to lists of phrases"));
            return lists;
        }

        foreach (var (keyNode, valueNode) in map.Children)
        {
            var name = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (!ListNamePattern().IsMatch(name))
            {
                errors.Add(Error(file, keyNode, $"{ListsKey}.{name}", "list names are lower-case letters, digits and underscores"));
                continue;
            }

            var phrases = Strings(file, valueNode, $"{ListsKey}.{name}", errors);
            if (phrases.Count == 0)
            {
                errors.Add(Error(file, valueNode, $"{ListsKey}.{name}", "the list is empty"));
                continue;
            }

            var alternatives = phrases
                .Select(p => PhraseToRegex(file, valueNode, $"{ListsKey}.{name}", p, errors))
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal);
            lists[name] = "(?:" + string.Join('|', alternatives) + ")";
        }

        return lists;
    }

    private static List<ScopeRule> LoadCategory(
        string file, string key, YamlNode? node, ScopeVerdict verdict, Dictionary<string, string> lists, HashSet<string> ids, List<string> errors)
    {
        var rules = new List<ScopeRule>();
        if (node is null)
        {
            return rules;
        }

        if (node is not YamlSequenceNode seq || seq.Children.Count == 0)
        {
            errors.Add(Error(file, node, key, "must be a non-empty list of rules (each with id, phrases and/or patterns)"));
            return rules;
        }

        foreach (var ruleNode in seq.Children)
        {
            if (LoadRule(file, key, ruleNode, verdict, lists, ids, errors, defaultId: null) is { } rule)
            {
                rules.Add(rule);
            }
        }

        return rules;
    }

    private static ScopeRule? LoadRule(
        string file, string category, YamlNode node, ScopeVerdict verdict, Dictionary<string, string> lists, HashSet<string> ids, List<string> errors, string? defaultId)
    {
        if (node is not YamlMappingNode map)
        {
            errors.Add(Error(file, node, category, "a rule must be a mapping with id, description, phrases and/or patterns"));
            return null;
        }

        var before = errors.Count;
        var values = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (!RuleKeys.Contains(key))
            {
                errors.Add(Error(file, keyNode, $"{category}.{key}", $"unknown key (allowed: {string.Join(", ", RuleKeys)})"));
                continue;
            }

            values[key] = valueNode;
        }

        var id = defaultId;
        if (values.TryGetValue("id", out var idNode))
        {
            id = (idNode as YamlScalarNode)?.Value;
        }

        if (string.IsNullOrWhiteSpace(id) || !IdPattern().IsMatch(id))
        {
            errors.Add(Error(file, idNode ?? node, $"{category}.id", $"each rule needs an id in kebab-case (got '{id}')"));
            id = null;
        }
        else if (!ids.Add(id))
        {
            errors.Add(Error(file, idNode ?? node, $"{category}.id", $"duplicate id '{id}'"));
        }

        var where = $"{category}[{id ?? "?"}]";
        var description = values.TryGetValue("description", out var descNode) ? (descNode as YamlScalarNode)?.Value : null;
        var phrases = new List<IReadOnlyList<string>>();
        var alternatives = new List<string>();
        if (values.TryGetValue("phrases", out var phrasesNode))
        {
            foreach (var phrase in Strings(file, phrasesNode, $"{where}.phrases", errors))
            {
                if (PhraseWords(file, phrasesNode, $"{where}.phrases", phrase, errors) is { } words)
                {
                    phrases.Add(words);
                }
            }
        }

        if (values.TryGetValue("patterns", out var patternsNode) && patternsNode is YamlSequenceNode patternSeq)
        {
            foreach (var item in patternSeq.Children)
            {
                if (item is YamlScalarNode { Value: { Length: > 0 } pattern })
                {
                    if (ExpandPattern(file, item, $"{where}.patterns", pattern, lists, errors) is { } expanded)
                    {
                        alternatives.Add(expanded);
                    }
                }
                else
                {
                    errors.Add(Error(file, item, $"{where}.patterns", "each pattern must be a non-empty string"));
                }
            }
        }
        else if (patternsNode is not null)
        {
            errors.Add(Error(file, patternsNode, $"{where}.patterns", "must be a list of regular expressions"));
        }

        if (phrases.Count == 0 && alternatives.Count == 0 && errors.Count == before)
        {
            errors.Add(Error(file, node, where, "the rule has no phrases and no patterns"));
        }

        if (errors.Count > before)
        {
            return null;
        }

        return new ScopeRule(id!, verdict, description, new PhraseMatcher(phrases), Compile([.. alternatives.Distinct(StringComparer.Ordinal)]));
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

    /// <summary>A literal phrase as normalised words; a trailing <c>*</c> on a word (kept) matches any ending.</summary>
    private static List<string>? PhraseWords(string file, YamlNode node, string key, string phrase, List<string> errors)
    {
        var words = new List<string>();
        foreach (var raw in phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var wildcard = raw.EndsWith('*');
            var parts = ScopeText.Words(ScopeText.Normalize(raw.TrimEnd('*')));
            words.AddRange(parts);
            if (wildcard && parts.Length > 0)
            {
                words[^1] += "*";
            }
        }

        if (words.Count == 0)
        {
            errors.Add(Error(file, node, key, $"phrase '{phrase}' has no letters or digits"));
            return null;
        }

        return words;
    }

    /// <summary>A list entry as a regular expression over normalised text.</summary>
    private static string? PhraseToRegex(string file, YamlNode node, string key, string phrase, List<string> errors) =>
        PhraseWords(file, node, key, phrase, errors) is { } words
            ? string.Join(' ', words.Select(w => w.EndsWith('*') ? Regex.Escape(w.TrimEnd('*')) + "[a-z0-9]*" : Regex.Escape(w)))
            : null;

    private static string? ExpandPattern(string file, YamlNode node, string key, string pattern, Dictionary<string, string> lists, List<string> errors)
    {
        var withoutEscapes = EscapePattern().Replace(pattern, string.Empty);
        if (withoutEscapes.Any(char.IsUpper) || withoutEscapes.Any(c => c > 127))
        {
            errors.Add(Error(file, node, key, $"pattern '{pattern}' must be written in lower case without accents (messages are normalised that way)"));
            return null;
        }

        var missing = new List<string>();
        var expanded = ListReference().Replace(pattern, m =>
        {
            if (lists.TryGetValue(m.Groups[1].Value, out var alternatives))
            {
                return alternatives;
            }

            missing.Add(m.Groups[1].Value);
            return m.Value;
        });
        if (missing.Count > 0)
        {
            errors.Add(Error(file, node, key, $"pattern '{pattern}' refers to unknown list(s) {string.Join(", ", missing.Select(n => "{" + n + "}"))} (define them under '{ListsKey}')"));
            return null;
        }

        try
        {
            _ = new Regex(expanded, RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException ex)
        {
            errors.Add(Error(file, node, key, $"pattern '{pattern}' is not a valid regular expression: {ex.Message}"));
            return null;
        }

        // Normalised text has only letters, digits and single spaces; the narrow class keeps the automata small.
        return "(?:" + expanded.Replace(@"\w", "[a-z0-9]", StringComparison.Ordinal) + ")";
    }

    private static List<string> Strings(string file, YamlNode node, string key, List<string> errors)
    {
        if (node is not YamlSequenceNode seq)
        {
            errors.Add(Error(file, node, key, "must be a list of strings"));
            return [];
        }

        var result = new List<string>();
        foreach (var item in seq.Children)
        {
            if (item is YamlScalarNode { Value: { } value } && !string.IsNullOrWhiteSpace(value))
            {
                result.Add(value);
            }
            else
            {
                errors.Add(Error(file, item, key, "each entry must be a non-empty string"));
            }
        }

        return result;
    }

    private static string Error(string file, YamlNode node, string key, string message)
    {
        var line = node.Start.Line;
        var sb = new StringBuilder(file);
        if (line > 0)
        {
            sb.Append(':').Append(line);
        }

        return sb.Append(": '").Append(key).Append("': ").Append(message).ToString();
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-z][a-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ListNamePattern();

    [GeneratedRegex(@"\{([a-z][a-z0-9_]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex ListReference();

    // Escapes such as \b, \d, \p{L}, \W and group names may use capitals; the rest of a pattern may not.
    [GeneratedRegex(@"\\[pP]\{[^}]*\}|\\[A-Za-z]|\(\?<[A-Za-z0-9_]+>", RegexOptions.CultureInvariant)]
    private static partial Regex EscapePattern();
}
