using PainBot.Core.Knowledge;
using PainBot.Knowledge.Loading;

namespace PainBot.Knowledge.Search;

/// <summary>One consistent, immutable view of the knowledge: passages, their Lucene index, analysed terms and vectors.</summary>
public sealed record KnowledgeSnapshot(
    KnowledgeBase Knowledge,
    LuceneIndex Lexical,
    IReadOnlyDictionary<string, int> IndexById,
    IReadOnlyList<HashSet<string>> TermsByPassage,
    DenseIndex? Dense,
    SynonymExpander Expander,
    int Generation)
{
    public IReadOnlyList<Passage> Passages => Knowledge.Passages;

    /// <summary>Passages by id.</summary>
    public IReadOnlyDictionary<string, Passage> ById { get; } = Knowledge.Passages.ToDictionary(p => p.Id, StringComparer.Ordinal);

    /// <summary>Topic names by id.</summary>
    public IReadOnlyDictionary<string, string> TopicLabels { get; } = Knowledge.Topics.ToDictionary(t => t.Key, t => t.Value.Label, StringComparer.Ordinal);

    /// <summary>The topic names, for recognising them in a follow-up.</summary>
    public IReadOnlySet<string> TopicNames { get; } = Knowledge.Topics.Values.Select(t => t.Label).ToHashSet(StringComparer.Ordinal);
}
