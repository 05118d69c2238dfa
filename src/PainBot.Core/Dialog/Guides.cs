using System.Text;
using PainBot.Core.Composition;
using PainBot.Core.Content;
using PainBot.Core.Conversation;
using PainBot.Core.Knowledge;

namespace PainBot.Core.Dialog;

/// <summary>
/// The guided dialogs, run from their definitions in <c>knowledge/dialog.yaml</c>: "build my pain plan" (the
/// guide's personalised-plan checklist, then a summary) and "what should I ask my provider". Every fact in a
/// summary is extracted from the knowledge and cited; the person's own answers are only echoed back to them and
/// dropped when the dialog ends.
/// </summary>
public sealed class Guides(IKnowledgeSearch search, DialogPolicy policy)
{
    public const string PainPlan = "pain-plan";
    public const string ProviderQuestions = "provider-questions";

    /// <summary>Starts a guide and returns its first prompt.</summary>
    public BotReply Start(ConversationState state, string name)
    {
        state.Guide = new GuideState(name);
        var first = policy.Guides[name].Steps[0];
        return new BotReply(first.Prompt.TrimEnd(), ReplyKind.Guide, [], first.Suggestions);
    }

    /// <summary>Re-asks the current step (after the person asked something else in between).</summary>
    public string CurrentPrompt(GuideState guide)
    {
        var steps = policy.Guides[guide.Name].Steps;
        var step = steps[Math.Min(guide.Step, steps.Count - 1)];
        return (step.Reprompt ?? step.Prompt).TrimEnd();
    }

    /// <summary>Takes the person's answer to the current step and returns the next prompt or the summary.</summary>
    public BotReply Next(ConversationState state, string answer)
    {
        var guide = state.Guide!;
        var definition = policy.Guides[guide.Name];
        guide.Answers[definition.Steps[guide.Step].Key] = answer;
        guide.Step++;
        if (guide.Step < definition.Steps.Count)
        {
            var step = definition.Steps[guide.Step];
            return new BotReply(step.Prompt.TrimEnd(), ReplyKind.Guide, [], step.Suggestions);
        }

        state.Guide = null;
        return Summary(state.Audience, definition, guide.Answers);
    }

    private BotReply Summary(Audience audience, GuideDefinition definition, Dictionary<string, string> answers)
    {
        var citations = new List<Citation>();
        var sb = new StringBuilder("**").Append(definition.Title).Append("**\n\n");
        var listed = definition.Steps.Where(s => s.Label is not null).ToList();
        foreach (var step in listed)
        {
            var given = answers[step.Key];
            sb.Append("- **").Append(step.Label).Append(":** ").Append(step.Skipped is not null && Skipped(given) ? step.Skipped : given);
            sb.Append(step.Note is null ? string.Empty : " " + step.Note).Append('\n');
        }

        sb.Append(listed.Count > 0 ? "\n" : string.Empty);
        foreach (var section in definition.Sections)
        {
            AppendSection(sb, citations, audience, Fill(section.Heading, answers), Fill(section.Query, answers), section);
        }

        sb.Append(ExtractiveComposer.SourceList(citations));
        return new BotReply(sb.ToString().TrimEnd(), ReplyKind.Guide, citations, definition.Suggestions);
    }

    private void AppendSection(StringBuilder sb, List<Citation> citations, Audience audience, string heading, string query, GuideSection section)
    {
        var hit = search.Search(new SearchRequest(query, audience, 20)).Hits.FirstOrDefault(h => section.Allows(h.Passage.Topic));
        if (hit is null)
        {
            return;
        }

        var number = citations.Count + 1;
        var composed = ExtractiveComposer.Compose(new ComposeRequest(query, audience, [hit], section.Words));
        citations.Add(new Citation(number, hit.Passage.Id, hit.Passage.Title, hit.Passage.Topic));
        sb.Append("**").Append(heading).Append("**\n\n").Append(composed.Markdown.Replace(" [1]", $" [{number}]", StringComparison.Ordinal)).Append("\n\n");
    }

    // {key} in a heading or query is the person's answer to that step.
    private static string Fill(string text, Dictionary<string, string> answers) =>
        answers.Aggregate(text, (t, a) => t.Replace("{" + a.Key + "}", a.Value, StringComparison.Ordinal));

    private static bool Skipped(string answer) =>
        answer.Trim().ToUpperInvariant() is "SKIP" or "NONE" or "NO" or "N/A" or "NOTHING";
}
