using PainBot.Core.Knowledge;

namespace PainBot.Generation.Tests.Support;

/// <summary>A search that always finds the test passages with full confidence.</summary>
internal sealed class FixedSearch : IKnowledgeSearch
{
    private static readonly Passage[] All = [TestPassages.Acupuncture, TestPassages.Massage];

    public IReadOnlyDictionary<string, Passage> Passages { get; } = All.ToDictionary(p => p.Id, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> TopicLabels { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["physical-acupuncture"] = "Acupuncture",
        ["physical-massage"] = "Massage",
    };

    public SearchResult Search(SearchRequest request) => new([.. All.Select((p, i) => new SearchHit(p, 0.9 - (i * 0.1)))], 0.95);
}
