namespace PainBot.Core.Knowledge;

/// <summary>Finds the clinic's passages for a question. Implemented by PainBot.Knowledge.</summary>
public interface IKnowledgeSearch
{
    /// <summary>Searches the current knowledge. Never throws for odd input: an unusable query returns <see cref="SearchResult.Empty"/>.</summary>
    SearchResult Search(SearchRequest request);

    /// <summary>The passages currently served, by id.</summary>
    IReadOnlyDictionary<string, Passage> Passages { get; }

    /// <summary>How each topic id is named to people ("physical-acupuncture" → "Acupuncture").</summary>
    IReadOnlyDictionary<string, string> TopicLabels { get; }
}
