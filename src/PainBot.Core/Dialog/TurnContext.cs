using PainBot.Core.Content;
using PainBot.Core.Conversation;
using PainBot.Core.Knowledge;
using PainBot.Core.Safety;

namespace PainBot.Core.Dialog;

/// <summary>
/// What one turn works with, passed explicitly through its steps: the message as received and cleaned, its
/// sentence vector (computed once, shared by the safety screen and the search), the content snapshot taken at
/// the start of the turn, the conversation's state and the safety assessment.
/// </summary>
/// <param name="Turn">The message as the channel delivered it.</param>
/// <param name="Text">The cleaned message.</param>
/// <param name="Vector">The cleaned message's sentence vector; null without an encoder or words.</param>
/// <param name="Content">The content snapshot of this turn.</param>
/// <param name="State">The conversation's state.</param>
/// <param name="Safety">What triage found.</param>
/// <param name="Command">The command the message says, if any (recognised once per turn).</param>
public sealed record TurnContext(UserTurn Turn, string Text, float[]? Vector, ClinicContent Content, ConversationState State, SafetyAssessment Safety, Command Command)
{
    private IReadOnlyList<string>? _facets;

    /// <summary>The snapshot's search.</summary>
    public IKnowledgeSearch Search => Content.Search;

    /// <summary>The facets the person's own words ask for (cost, timing, ...), worked out once per turn.</summary>
    public IReadOnlyList<string> Facets => _facets ??= Content.Policy.FacetsOf(Text);
}
