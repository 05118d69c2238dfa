using PainBot.Core.Knowledge;
using PainBot.Knowledge.Loading;

namespace PainBot.Knowledge.Search;

/// <summary>One consistent, immutable view of the knowledge: passages, their analysed terms and vectors.</summary>
public sealed record KnowledgeSnapshot(
    KnowledgeBase Knowledge,
    IReadOnlyDictionary<string, int> IndexById,
    IReadOnlyList<HashSet<string>> TermsByPassage,
    DenseIndex? Dense,
    SynonymExpander Expander,
    int Generation)
{
    public IReadOnlyList<Passage> Passages => Knowledge.Passages;
}
