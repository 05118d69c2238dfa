using PainBot.Core.Content;
using PainBot.Core.Knowledge;

namespace PainBot.Core.Composition;

/// <summary>What an answer is composed from: the question, who asks, and the retrieved passages (best first).</summary>
public sealed record ComposeRequest(string Question, Audience Audience, IReadOnlyList<SearchHit> Hits, int MaxWords)
{
    /// <summary>The facets the question asks for (by name), whose sections the answer should carry.</summary>
    public IReadOnlyDictionary<string, FacetDefinition> Facets { get; init; } = new Dictionary<string, FacetDefinition>();
}
