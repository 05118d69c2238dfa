using PainBot.Core.Knowledge;

namespace PainBot.Core.Tests.Dialog;

/// <summary>A tiny knowledge base searched by shared words; counts searches so tests can see whether retrieval ran.</summary>
internal sealed class FakeKnowledgeSearch : IKnowledgeSearch
{
    private readonly List<Passage> _passages =
    [
        P("acupuncture-back", "physical-acupuncture", "Does acupuncture help back pain?", "Acupuncture can ease chronic low back pain for some people. A 2017 guideline lists it as an option."),
        P("acupuncture-safety", "physical-acupuncture", "Is acupuncture safe?", "Acupuncture is safe with a licensed practitioner who uses sterile single-use needles."),
        P("massage-neck", "physical-massage", "Does massage help neck pain?", "Massage may ease neck pain for a short time."),
    ];

    public int Searches { get; private set; }

    public SearchRequest? LastRequest { get; private set; }

    public IReadOnlyDictionary<string, Passage> Passages => _passages.ToDictionary(p => p.Id);

    public IReadOnlyDictionary<string, string> TopicLabels { get; } = new Dictionary<string, string>
    {
        ["physical-acupuncture"] = "Acupuncture",
        ["physical-massage"] = "Massage",
    };

    public SearchResult Search(SearchRequest request)
    {
        Searches++;
        LastRequest = request;
        var words = request.Text.ToLowerInvariant().Split(' ', '?', '.', ',').Where(w => w.Length > 3).ToHashSet();
        var hits = _passages
            .Select(p => new SearchHit(p, words.Count(w => (p.Title + " " + p.Body).Contains(w, StringComparison.OrdinalIgnoreCase)) / 4.0))
            .Where(h => h.Score > 0)
            .OrderByDescending(h => h.Score)
            .ToList();
        return hits.Count == 0 ? SearchResult.Empty : new SearchResult(hits, Math.Min(1, hits[0].Score));
    }

    private static Passage P(string id, string topic, string title, string body) =>
        new(id, topic, title, Audience.Both, ["NCCIH"], new DateOnly(2026, 1, 1), [], [], body, id + ".md");
}
