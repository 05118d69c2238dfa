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
}
