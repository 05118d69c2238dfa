using System.Text;
using PainBot.Core.Content;
using PainBot.Core.Dialog;
using PainBot.Core.Knowledge;
using PainBot.Core.Text;

namespace PainBot.Core.Composition;

/// <summary>
/// Answers with the clinic's reviewed passages, whole section by whole section (<see cref="PassageSections"/>):
/// a passage that fits the word budget is shown whole; a longer one by its opening paragraph plus the sections
/// that answer the question (by the question's facets, then by shared words), kept in the passage's order. A
/// second passage on another topic adds its answering section when the question compares or spans both. No
/// sentence is cut, no bullet loses its lead-in, and nothing is written that a passage does not say.
/// </summary>
public sealed class ExtractiveComposer : IAnswerComposer
{
    // A passage up to this share over the budget is still shown whole rather than cut to sections.
    private const double WholeSlack = 1.25;
    private const double SecondShare = 0.85;
    private const double NamedShare = 0.6;

    // Passages put what matters most first: between equal sections the earlier one wins.
    private const double OrderWeight = 0.15;


    /// <inheritdoc/>
    public Task<ComposedAnswer> ComposeAsync(ComposeRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(Compose(request));

    /// <summary>The synchronous composition (it does no I/O).</summary>
    public static ComposedAnswer Compose(ComposeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Hits.Count == 0)
        {
            return new ComposedAnswer(string.Empty, [], "extractive");
        }

        var question = Words.ContentStems(request.Question);
        var top = request.Hits[0].Passage;
        // Each part: a passage, its sections shown, and how it is introduced (nothing for the first).
        var parts = new List<(Passage Passage, IReadOnlyList<PassageSection> Sections, string? Intro)>
        {
            (top, Select(PassageSections.Of(top.Body), question, request.Facets, request.MaxWords), null),
        };

        if (Second(request, question) is { } second)
        {
            var sections = PassageSections.Of(second.Body);
            var best = Best(sections.Where(s => !s.IsLead), question, request.Facets);
            var lead = sections.FirstOrDefault(s => s.IsLead);
            // A comparison wants what the other one is; any other question the part that answers it.
            IReadOnlyList<PassageSection> chosen = request.Facets.ContainsKey("comparison") || best is null
                ? [.. new[] { lead ?? best }.OfType<PassageSection>()]
                : [best];
            if (chosen.Count > 0 && chosen.Sum(s => s.WordCount) <= request.MaxWords)
            {
                parts.Add((second, chosen, "**" + second.Title + "**\n\n"));
            }
        }

        if (request.Audience == Audience.Staff && top.Audience == Audience.Staff
            && request.Hits.Skip(1).FirstOrDefault(h => h.Passage.Audience != Audience.Staff) is { } patientFacing
            && PassageSections.Of(patientFacing.Passage.Body).FirstOrDefault(s => s.IsLead) is { } explain
            && parts.All(p => p.Passage.Id != patientFacing.Passage.Id))
        {
            parts.Add((patientFacing.Passage, [explain], "**Explaining it to a patient:** "));
        }

        var citations = parts.Select((p, i) => new Citation(i + 1, p.Passage.Id, p.Passage.Title, p.Passage.Topic)).ToList();
        var text = new StringBuilder();
        for (var i = 0; i < parts.Count; i++)
        {
            text.Append(text.Length > 0 ? "\n\n" : string.Empty).Append(parts[i].Intro);
            text.AppendJoin("\n\n", parts[i].Sections.Select(s => $"{s.Markdown} [{i + 1}]"));
        }

        var shown = parts.SelectMany(p => p.Sections).ToList();
        var unanswered = request.Facets.Where(f => f.Value.Elsewhere is not null && !shown.Any(s => Answers(s, f.Value)) && !Covers(top, f.Value))
            .Select(f => f.Key).ToList();
        return new ComposedAnswer(text.ToString(), citations, "extractive") { UnansweredFacets = unanswered };
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

    /// <summary>
    /// The sections of one passage to show: all of them when the passage fits the budget; otherwise its lead
    /// and then the best-scoring sections while they fit, always at least one (whole, even when over budget).
    /// </summary>
    internal static IReadOnlyList<PassageSection> Select(IReadOnlyList<PassageSection> sections, HashSet<string> question, IReadOnlyDictionary<string, FacetDefinition> facets, int maxWords)
    {
        if (sections.Sum(s => s.WordCount) <= maxWords * WholeSlack)
        {
            return sections;
        }

        var chosen = new HashSet<PassageSection>(sections.Where(s => s.IsLead));
        var used = chosen.Sum(s => s.WordCount);
        var ranked = sections.Where(s => !s.IsLead)
            .Select((s, i) => (Section: s, Score: Score(s, question, facets) - (i * OrderWeight)))
            .OrderByDescending(x => x.Score)
            .ToList();
        foreach (var (section, score) in ranked)
        {
            var first = chosen.Count == (sections.Any(s => s.IsLead) ? 1 : 0);
            if ((first && (score > 0 || ranked[0].Section == section)) || (score > 0 && used + section.WordCount <= maxWords))
            {
                chosen.Add(section);
                used += section.WordCount;
            }
        }

        return [.. sections.Where(chosen.Contains)];
    }

    private static PassageSection? Best(IEnumerable<PassageSection> sections, HashSet<string> question, IReadOnlyDictionary<string, FacetDefinition> facets)
    {
        var ranked = sections.Select(s => (Section: s, Score: Score(s, question, facets))).Where(x => x.Score > 0).OrderByDescending(x => x.Score).ToList();
        return ranked.Count > 0 ? ranked[0].Section : null;
    }

    /// <summary>How well a section answers: a facet its heading answers counts most, then the question's words in its heading, then the share of the question's words it holds.</summary>
    private static double Score(PassageSection section, HashSet<string> question, IReadOnlyDictionary<string, FacetDefinition> facets)
    {
        var facet = facets.Values.Count(f => Answers(section, f)) * 2.0;
        var cue = section.CueStems.Count(question.Contains) * 0.5;
        var words = question.Count == 0 ? 0 : question.Count(section.Stems.Contains) / (double)question.Count;
        return facet + cue + words;
    }

    private static bool Answers(PassageSection section, FacetDefinition facet) => FacetDefinition.Mentions(section.Cue, facet.AnsweredBy);

    // A passage whose title is about the facet ("Does insurance pay for acupuncture?") answers it as a whole.
    private static bool Covers(Passage passage, FacetDefinition facet) =>
        FacetDefinition.Padded(passage.Title) is var title && (FacetDefinition.Mentions(title, facet.AnsweredBy) || FacetDefinition.Mentions(title, facet.Asks));

    /// <summary>
    /// A second passage worth adding: the best hit on another topic that the question names (a word of its topic
    /// id that the first passage's topic lacks: "tai chi or yoga"), or, for a comparison, the next hit on another
    /// topic when it scores close to the first, or a close hit on the topic that covers a facet asked for.
    /// </summary>
    private static Passage? Second(ComposeRequest request, HashSet<string> question)
    {
        var top = request.Hits[0];
        var own = TopicNames.SubjectWords(top.Passage.Topic);
        var others = request.Hits.Skip(1).Where(h => h.Passage.Topic != top.Passage.Topic).ToList();
        var named = others.FirstOrDefault(h => h.Score >= top.Score * NamedShare && TopicNames.SubjectWords(h.Passage.Topic).Any(w => question.Contains(w) && !own.Contains(w)));
        var close = request.Facets.ContainsKey("comparison") ? others.FirstOrDefault(h => h.Score >= top.Score * SecondShare) : null;
        var facetTopic = others.FirstOrDefault(h => h.Score >= top.Score * SecondShare && request.Facets.Values.Any(f => f.Elsewhere == h.Passage.Topic));
        return (named ?? close ?? facetTopic)?.Passage;
    }

}
