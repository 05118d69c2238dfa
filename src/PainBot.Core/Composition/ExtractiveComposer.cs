using System.Text;
using System.Text.RegularExpressions;
using PainBot.Core.Dialog;
using PainBot.Core.Knowledge;
using PainBot.Core.Text;

namespace PainBot.Core.Composition;

/// <summary>
/// Answers by selection: the opening sentence of the best passage (passages lead with their direct answer), then
/// the sentences of the top passages that share most words with the question, up to the word budget, each group
/// marked with its citation number. Nothing is written that a passage does not say.
/// </summary>
public sealed partial class ExtractiveComposer : IAnswerComposer
{
    private const int MaxPassages = 3;
    private const double SecondaryShare = 0.85;
    private const double SecondaryOverlap = 0.7;

    /// <inheritdoc/>
    public Task<ComposedAnswer> ComposeAsync(ComposeRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(Compose(request));

    /// <summary>The synchronous composition (it does no I/O).</summary>
    public static ComposedAnswer Compose(ComposeRequest request)
    {
        if (request.Hits.Count == 0)
        {
            return new ComposedAnswer(string.Empty, [], "extractive");
        }

        var top = request.Hits[0];
        var chosen = request.Hits.Take(MaxPassages)
            .Where((h, i) => i == 0 || h.Score >= top.Score * SecondaryShare)
            .ToList();
        var question = Words.ContentStems(request.Question);

        var candidates = new List<(int Passage, int Order, Unit Unit, double Score)>();
        for (var p = 0; p < chosen.Count; p++)
        {
            var units = Analysed(chosen[p].Passage.Body);
            for (var u = 0; u < units.Length; u++)
            {
                var stems = units[u].Stems;
                var overlap = stems.Count == 0 ? 0 : stems.Count(question.Contains) / Math.Sqrt(stems.Count);
                // The best passage always opens with its direct answer; the others only add sentences that
                // share enough words with the question to be on point.
                var lead = u == 0 && p == 0 ? 10.0 : 0;
                if (p > 0 && overlap < SecondaryOverlap)
                {
                    continue;
                }

                candidates.Add((p, u, units[u].Unit, overlap + lead - (p * 0.2)));
            }
        }

        var budget = request.MaxWords;
        var picked = new List<(int Passage, int Order, Unit Unit)>();
        var perPassage = new int[chosen.Count];
        foreach (var c in candidates.OrderByDescending(c => c.Score))
        {
            var words = Words.Count(c.Unit.Text);
            if (picked.Count > 0 && (words > budget || c.Score <= 0.05))
            {
                continue;
            }

            if (c.Passage > 0 && perPassage[c.Passage] >= 2)
            {
                continue;
            }

            picked.Add((c.Passage, c.Order, c.Unit));
            perPassage[c.Passage]++;
            budget -= words;
            if (budget <= 8)
            {
                break;
            }
        }

        // Number the cited passages in the order they appear.
        var used = picked.Select(x => x.Passage).Distinct().Order().ToList();
        var citations = used.Select((p, i) => new Citation(i + 1, chosen[p].Passage.Id, chosen[p].Passage.Title, chosen[p].Passage.Topic)).ToList();
        var text = new StringBuilder();
        foreach (var p in used)
        {
            var number = used.IndexOf(p) + 1;
            var group = picked.Where(x => x.Passage == p).OrderBy(x => x.Order).Select(x => x.Unit).ToList();
            AppendGroup(text, group, number);
        }

        if (request.Audience == Audience.Staff)
        {
            var patientFacing = chosen.FirstOrDefault(h => h.Passage.Audience != Audience.Staff);
            if (patientFacing is not null)
            {
                var lead = Analysed(patientFacing.Passage.Body).FirstOrDefault().Unit;
                var number = citations.FirstOrDefault(c => c.PassageId == patientFacing.Passage.Id)?.Number;
                if (lead is not null && number is not null)
                {
                    text.Append("\n\n**Explaining it to a patient:** ").Append(lead.Text).Append(" [").Append(number).Append(']');
                }
            }
        }

        return new ComposedAnswer(text.ToString().Trim(), citations, "extractive");
    }

    /// <summary>Renders the numbered source list shown under an answer.</summary>
    public static string SourceList(IReadOnlyList<Citation> citations)
    {
        var sb = new StringBuilder("**Sources**");
        foreach (var c in citations)
        {
            sb.Append('\n').Append(c.Number).Append(". ").Append(c.Title);
        }

        return sb.ToString();
    }

    private static void AppendGroup(StringBuilder text, IReadOnlyList<Unit> group, int number)
    {
        if (text.Length > 0)
        {
            text.Append("\n\n");
        }

        var marker = $" [{number}]";
        var prose = new List<string>();
        foreach (var unit in group)
        {
            if (unit.Bullet)
            {
                if (prose.Count > 0)
                {
                    text.Append(string.Join(' ', prose)).Append(marker).Append('\n');
                    prose.Clear();
                }

                text.Append("- ").Append(unit.Text).Append(marker).Append('\n');
            }
            else
            {
                prose.Add(unit.Text);
            }
        }

        if (prose.Count > 0)
        {
            text.Append(string.Join(' ', prose)).Append(marker);
        }

        while (text.Length > 0 && text[^1] == '\n')
        {
            text.Length--;
        }
    }

    /// <summary>A sentence or a bullet of a passage body.</summary>
    internal sealed record Unit(string Text, bool Bullet);

    /// <summary>
    /// A body's units with their content stems, worked out once per body text: passages are immutable and the same
    /// few are composed from again and again (a reloaded passage is a new string, so it gets a new entry).
    /// </summary>
    private static (Unit Unit, HashSet<string> Stems)[] Analysed(string body) =>
        AnalysedBodies.GetValue(body, b => [.. Units(b).Select(u => (u, Words.ContentStems(u.Text)))]);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<string, (Unit Unit, HashSet<string> Stems)[]> AnalysedBodies = [];

    /// <summary>Splits a Markdown body into sentences and bullets, skipping headings and bold-only labels.</summary>
    internal static List<Unit> Units(string body)
    {
        var units = new List<Unit>();
        foreach (var raw in body.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || BoldLabel().IsMatch(line))
            {
                continue;
            }

            var bullet = BulletPrefix().Match(line);
            if (bullet.Success)
            {
                units.Add(new Unit(line[bullet.Length..].Trim(), true));
                continue;
            }

            foreach (var sentence in SentenceBreak().Split(line))
            {
                var s = sentence.Trim();
                if (s.Length > 0)
                {
                    units.Add(new Unit(s, false));
                }
            }
        }

        return units;
    }

    [GeneratedRegex(@"^\*\*[^*]+\*\*:?$", RegexOptions.CultureInvariant)]
    private static partial Regex BoldLabel();

    [GeneratedRegex(@"^([-*+]|\d+[.)])\s+", RegexOptions.CultureInvariant)]
    private static partial Regex BulletPrefix();

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z*""(])", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceBreak();
}
