using PainBot.Core.Dialog;
using PainBot.Core.Knowledge;
using PainBot.Core.Safety;
using PainBot.Core.Scope;

namespace PainBot.Core.Content;

/// <summary>
/// Everything built from <c>knowledge/</c>, as one immutable snapshot: the search over the passages, the
/// safety triage (rules and screen), the scope rules and the reply texts, all from the same generation of the
/// folder. A turn takes <see cref="IContentSource.Current"/> once and uses it throughout, so a reload can never
/// pair new rules with old passages.
/// </summary>
/// <param name="Generation">Increases with every successful build.</param>
/// <param name="Search">The passages and their search.</param>
/// <param name="Triage">Safety triage: rules and the screen behind them.</param>
/// <param name="Scope">The scope rules.</param>
/// <param name="Texts">The assistant's own reply texts.</param>
/// <param name="Encoder">The sentence encoder for messages, or null when the dense side is off.</param>
/// <param name="Policy">Suggestions and disclaimer topics (<c>dialog.yaml</c>).</param>
public sealed record ClinicContent(
    int Generation,
    IKnowledgeSearch Search,
    ISafetyTriage Triage,
    IScopeGuard Scope,
    ResponseTexts Texts,
    IQuestionEncoder? Encoder,
    DialogPolicy Policy);
