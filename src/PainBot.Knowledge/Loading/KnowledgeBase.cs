using PainBot.Core.Knowledge;

namespace PainBot.Knowledge.Loading;

/// <summary>Everything loaded and validated from the knowledge folder.</summary>
/// <param name="Passages">In file order.</param>
/// <param name="Topics">Known topics, by id.</param>
/// <param name="Synonyms">Lay-language expansions used at query time.</param>
public sealed record KnowledgeBase(
    IReadOnlyList<Passage> Passages,
    IReadOnlyDictionary<string, TopicInfo> Topics,
    IReadOnlyList<SynonymRule> Synonyms);
