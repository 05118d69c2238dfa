using PainBot.Core.Knowledge;
using PainBot.Core.Safety;
using PainBot.Core.Scope;

namespace PainBot.Core.Dialog;

/// <summary>Everything one turn produced: the replies and the facts the contracts report about them.</summary>
public sealed record TurnResult(
    IReadOnlyList<BotReply> Replies,
    SafetyAssessment Safety,
    ScopeVerdict Scope,
    IReadOnlyList<SearchHit> Sources,
    double Confidence,
    bool Disclaimer,
    bool Handoff,
    IReadOnlyList<string> Suggestions)
{
    /// <summary>All replies of the turn joined, as the person sees them.</summary>
    public string Text => string.Join("\n\n", Replies.Select(r => r.Markdown));

    /// <summary>The topics of <see cref="Sources"/>, best first, each once.</summary>
    public IReadOnlyList<string> Topics => [.. Sources.Select(s => s.Passage.Topic).Distinct(StringComparer.Ordinal)];

    /// <summary>The name of the composer that wrote the answer (<see cref="Composition.ComposedAnswer.Composer"/>); null when nothing was composed.</summary>
    public string? Composer { get; init; }

    /// <summary>Why the configured composer's answer was replaced by the extractive one (snake_case); null when it was not.</summary>
    public string? Fallback { get; init; }

    /// <summary>The turn carried out "forget me": the person's stored data is to be deleted everywhere.</summary>
    public bool Forgotten { get; init; }

    /// <summary>The content did not cover the question (the person was told so).</summary>
    public bool NotCovered => Replies.Any(r => r.Kind == ReplyKind.NotCovered);
}
