using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PainBot.Core.Knowledge;
using PainBot.Core.Safety.Rules;
using PainBot.Core.Text;

namespace PainBot.Core.Safety;

/// <summary>
/// Rule-based triage over <c>knowledge/safety/</c>. Every pattern is compiled and every reply rendered once,
/// here; <see cref="Assess(string, Audience, float[], float[])"/> normalises the message once and only evaluates rules whose patterns occur in it.
/// </summary>
public sealed class SafetyTriage : ISafetyTriage
{
    private readonly SafetyRuleSet _rules;
    private readonly TermIndex _index;
    private readonly int[][] _rulesByTerm;
    private readonly string[] _responses;
    private readonly Dictionary<SafetyLevel, (string Informational, string Staff, string FollowUp)> _levelTexts;
    private readonly ILogger _logger;
    private readonly ICrisisScreen? _screen;
    private readonly SafetyRule? _screenReply;
    private readonly ISafetyScreen? _learned;

    /// <summary>The id reported when the crisis screen, not a rule, raised the message to crisis.</summary>
    public const string CrisisScreenId = "crisis-screen";

    /// <summary>Creates triage with the clinic phone left as a neutral phrase.</summary>
    public SafetyTriage(SafetyRuleSet rules, SafetyOptions options)
        : this(rules, options, new ClinicOptions(), NullLogger<SafetyTriage>.Instance)
    {
    }

    /// <summary>Creates triage; <paramref name="clinic"/> fills <c>{{clinic.phone}}</c>.</summary>
    public SafetyTriage(SafetyRuleSet rules, SafetyOptions options, ClinicOptions clinic, ILogger<SafetyTriage> logger)
        : this(rules, options, clinic, logger, screen: null)
    {
    }

    /// <summary>Creates triage with a crisis screen behind the rules (null: rules only).</summary>
    public SafetyTriage(SafetyRuleSet rules, SafetyOptions options, ClinicOptions clinic, ILogger<SafetyTriage> logger, ICrisisScreen? screen)
        : this(rules, options, clinic, logger, screen, learned: null)
    {
    }

    /// <summary>Creates triage with the crisis screen and the learned screen behind the rules (either may be null).</summary>
    public SafetyTriage(SafetyRuleSet rules, SafetyOptions options, ClinicOptions clinic, ILogger<SafetyTriage> logger, ICrisisScreen? screen, ISafetyScreen? learned)
    {
        _learned = learned;
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clinic);
        _rules = rules;
        _logger = logger ?? NullLogger<SafetyTriage>.Instance;
        _index = new TermIndex(rules.Terms);

        var values = new Dictionary<string, string>(options.Placeholders(), StringComparer.OrdinalIgnoreCase)
        {
            ["clinic.phone"] = clinic.Phone,
        };
        _responses = [.. rules.Rules.Select(r => Placeholders.Fill(r.Response, values))];
        _levelTexts = rules.LevelTexts.ToDictionary(
            p => p.Key,
            p => (Placeholders.Fill(p.Value.Informational, values), Placeholders.Fill(p.Value.Staff, values), Placeholders.Fill(p.Value.FollowUp, values)));

        var byTerm = new List<int>[rules.Terms.Count];
        for (var r = 0; r < rules.Rules.Count; r++)
        {
            var rule = rules.Rules[r];
            foreach (var term in rule.Clauses.SelectMany(c => c.Groups).SelectMany(g => g).Concat(rule.Topics))
            {
                (byTerm[term] ??= []).Add(r);
            }
        }

        _rulesByTerm = [.. byTerm.Select(l => l is null ? [] : l.Distinct().ToArray())];

        // The screen answers with the reply of the first crisis rule (the general crisis reply).
        _screenReply = rules.Rules.FirstOrDefault(r => r.Level == SafetyLevel.Crisis);
        _screen = _screenReply is null ? null : screen;
        SafetyTriageLog.RulesLoaded(_logger, rules.Rules.Count, rules.Terms.Count);
    }

    /// <inheritdoc/>
    public SafetyAssessment Assess(string text, Audience audience, float[]? messageVector = null) =>
        Assess(text, audience, messageVector, previousVector: null);

    /// <summary>
    /// Assesses one message with the person's previous message in view (its vector only): the rules first, then
    /// the crisis screen, then the learned screen; the highest level wins and no layer lowers another's.
    /// </summary>
    public SafetyAssessment Assess(string text, Audience audience, float[]? messageVector, float[]? previousVector)
    {
        var ruled = AssessCrisisScreen(text, audience, messageVector);
        if (_learned is null || string.IsNullOrWhiteSpace(text) || (!ruled.Informational && ruled.Level >= SafetyLevel.Emergency))
        {
            return ruled;
        }

        var verdict = _learned.Assess(text, messageVector, previousVector);

        // A general question about warning signs stays a question: the rules' informational check stands.
        if (verdict.Level == SafetyLevel.None || ruled.Informational || verdict.Level <= ruled.Level)
        {
            return ruled;
        }

        var id = $"screen:{verdict.Level.ToWire()}:{verdict.Probability.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}";
        if (!verdict.Sure)
        {
            // Possible, not sure: ask directly and kindly, then answer (what crisis guidance recommends).
            return verdict.CheckIn is null
                ? ruled
                : new SafetyAssessment(verdict.Level, [id + "?", .. ruled.RuleIds], verdict.CheckIn, Uncertain: true);
        }

        var spanish = Text.Language.LooksSpanish(text);
        var rule = _rules.Rules.Where(r => r.Level == verdict.Level).OrderBy(r => r.Id.Contains("-es-", StringComparison.Ordinal) == spanish ? 0 : 1).FirstOrDefault();
        if (rule is null)
        {
            return ruled;
        }

        var reply = new StringBuilder(_responses[rule.Order]);
        AppendLevelTexts(reply, verdict.Level, audience);
        var assessment = new SafetyAssessment(verdict.Level, [id, .. ruled.RuleIds], reply.ToString());
        SafetyTriageLog.EscalationFired(_logger, verdict.Level, false, string.Join(",", assessment.RuleIds));
        return assessment;
    }

    private SafetyAssessment AssessCrisisScreen(string text, Audience audience, float[]? messageVector)
    {
        var ruled = AssessRules(text, audience);
        if (_screen is null || string.IsNullOrWhiteSpace(text) || (!ruled.Informational && ruled.Level >= SafetyLevel.Crisis))
        {
            return ruled;
        }

        if (!_screen.Flags(text, messageVector))
        {
            return ruled;
        }

        var reply = new StringBuilder(_responses[_screenReply!.Order]);
        AppendLevelTexts(reply, SafetyLevel.Crisis, audience);
        var assessment = new SafetyAssessment(SafetyLevel.Crisis, [CrisisScreenId, .. ruled.RuleIds], reply.ToString());
        SafetyTriageLog.EscalationFired(_logger, SafetyLevel.Crisis, false, string.Join(",", assessment.RuleIds));
        return assessment;
    }

    private SafetyAssessment AssessRules(string text, Audience audience)
    {
        var words = TextNormalizer.Normalize(text);
        if (words.Count == 0)
        {
            return SafetyAssessment.None;
        }

        var settings = _rules.Settings;
        var hits = _index.Find(words, settings);
        if (hits.Count == 0)
        {
            return SafetyAssessment.None;
        }

        var questionSentences = SentencesWith(hits, settings.InformationalCues);
        if (questionSentences.Count > 0)
        {
            questionSentences.ExceptWith(SentencesWith(hits, settings.ReportCues));
        }

        var candidates = new SortedSet<int>();
        foreach (var term in hits.Keys)
        {
            foreach (var r in _rulesByTerm[term])
            {
                candidates.Add(r);
            }
        }

        var acted = new List<SafetyRule>();
        var asked = new List<SafetyRule>();
        foreach (var r in candidates)
        {
            var rule = _rules.Rules[r];
            if (AnyLive(hits, rule.Unless))
            {
                continue;
            }

            // A sign inside a general question ("what are the signs of a stroke?") is not a report of it.
            bool Live(TermHit h) => !h.Negated && (rule.AlwaysAct || !questionSentences.Contains(h.Sentence));
            if (rule.Clauses.Any(c => Satisfied(c, hits, Live)))
            {
                acted.Add(rule);
            }
            else if (questionSentences.Count > 0
                && (rule.Clauses.Any(c => Satisfied(c, hits, h => !h.Negated))
                    || rule.Topics.Any(t => hits.TryGetValue(t, out var th) && th.Any(h => !h.Negated && questionSentences.Contains(h.Sentence)))))
            {
                asked.Add(rule);
            }
        }

        if (acted.Count > 0)
        {
            return Act(acted, audience);
        }

        if (asked.Count > 0)
        {
            var ordered = Order(asked);
            var level = ordered[0].Level;
            var assessment = new SafetyAssessment(level, [.. ordered.Select(x => x.Id)], _levelTexts[level].Informational, Informational: true);
            SafetyTriageLog.EscalationFired(_logger, level, true, string.Join(",", assessment.RuleIds));
            return assessment;
        }

        return SafetyAssessment.None;
    }

    private SafetyAssessment Act(List<SafetyRule> fired, Audience audience)
    {
        var ordered = Order(fired);
        var top = ordered[0];
        var reply = new StringBuilder(_responses[top.Order]);

        // Self-harm already done is emergency and crisis: emergency action first, crisis resources second (0.1).
        if (top.Level == SafetyLevel.Emergency && ordered.FirstOrDefault(r => r.Level == SafetyLevel.Crisis) is { } crisis)
        {
            reply.Append("\n\n").Append(_responses[crisis.Order]);
        }

        AppendLevelTexts(reply, top.Level, audience);
        var assessment = new SafetyAssessment(top.Level, [.. ordered.Select(r => r.Id)], reply.ToString());
        SafetyTriageLog.EscalationFired(_logger, top.Level, false, string.Join(",", assessment.RuleIds));
        return assessment;
    }

    private void AppendLevelTexts(StringBuilder reply, SafetyLevel level, Audience audience)
    {
        var texts = _levelTexts[level];
        if (audience == Audience.Staff && texts.Staff.Length > 0)
        {
            reply.Append("\n\n").Append(texts.Staff);
        }

        if (texts.FollowUp.Length > 0)
        {
            reply.Append("\n\n").Append(texts.FollowUp);
        }
    }

    private static List<SafetyRule> Order(List<SafetyRule> rules) =>
        [.. rules.OrderByDescending(r => r.Level).ThenBy(r => r.Order)];

    private static bool AnyLive(Dictionary<int, List<TermHit>> hits, IReadOnlyList<int> terms)
    {
        foreach (var t in terms)
        {
            if (hits.TryGetValue(t, out var list) && list.Exists(h => !h.Negated))
            {
                return true;
            }
        }

        return false;
    }

    private static HashSet<int> SentencesWith(Dictionary<int, List<TermHit>> hits, IReadOnlyList<int> terms)
    {
        var sentences = new HashSet<int>();
        foreach (var t in terms)
        {
            if (hits.TryGetValue(t, out var list))
            {
                foreach (var h in list)
                {
                    if (!h.Negated)
                    {
                        sentences.Add(h.Sentence);
                    }
                }
            }
        }

        return sentences;
    }

    /// <summary>True when every group has a usable hit and the hits fit the clause's window.</summary>
    private static bool Satisfied(RuleClause clause, Dictionary<int, List<TermHit>> hits, Func<TermHit, bool> usable)
    {
        var groups = new List<TermHit>[clause.Groups.Count];
        for (var g = 0; g < clause.Groups.Count; g++)
        {
            var list = new List<TermHit>();
            foreach (var term in clause.Groups[g])
            {
                if (hits.TryGetValue(term, out var termHits))
                {
                    list.AddRange(termHits.Where(usable));
                }
            }

            if (list.Count == 0)
            {
                return false;
            }

            groups[g] = list;
        }

        var window = clause.Window.Words;
        if (window < 0 || groups.Length == 1)
        {
            return true;
        }

        if (window == 0)
        {
            return groups[0].Any(a => groups.All(g => g.Exists(h => h.Sentence == a.Sentence)));
        }

        // The tightest span starts at some hit; try each as the left edge.
        foreach (var anchor in groups.SelectMany(g => g))
        {
            var limit = anchor.Start + window;
            if (groups.All(g => g.Exists(h => h.Start >= anchor.Start && h.End <= limit)))
            {
                return true;
            }
        }

        return false;
    }
}
