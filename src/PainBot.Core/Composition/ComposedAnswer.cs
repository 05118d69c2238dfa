using PainBot.Core.Dialog;

namespace PainBot.Core.Composition;

/// <summary>An answer body (without disclaimer) and the passages it cites, numbered as in the text.</summary>
public sealed record ComposedAnswer(string Markdown, IReadOnlyList<Citation> Citations, string Composer)
{
    /// <summary>Facets the question asked for that no section of the answer covers.</summary>
    public IReadOnlyList<string> UnansweredFacets { get; init; } = [];

    /// <summary>Why this answer replaced the configured composer's (snake_case, for example <c>timeout</c>); null when it did not.</summary>
    public string? Fallback { get; init; }
}
