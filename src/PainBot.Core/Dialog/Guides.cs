using System.Text;
using PainBot.Core.Composition;
using PainBot.Core.Conversation;
using PainBot.Core.Knowledge;

namespace PainBot.Core.Dialog;

/// <summary>
/// The two guided dialogs: "build my pain plan" (the guide's personalised-plan checklist: condition, goals,
/// current treatments and medicines, preferences, then a summary) and "what should I ask my provider".
/// Every fact in a summary is extracted from the knowledge and cited; the person's own answers are only echoed
/// back to them and dropped when the dialog ends.
/// </summary>
public sealed class Guides(IKnowledgeSearch search)
{
    public const string PainPlan = "pain-plan";
    public const string ProviderQuestions = "provider-questions";

    private static readonly string[] PlanKeys = ["condition", "goals", "treatments", "preferences"];

    private static readonly string[] PlanPrompts =
    [
        "Let's put together a draft pain plan you can take to your care team. You can say **stop** at any time.\n\n**Step 1 of 4:** Which condition or kind of pain do you most want help with?",
        "**Step 2 of 4:** What would you like to be able to do? Clear, measurable goals work best, for example \"walk for 20 minutes\" or \"sleep through the night\".",
        "**Step 3 of 4:** Which treatments and medicines (including supplements) are you using now? You can say **skip**. I won't comment on your medicines; the list is for you to share with your provider.",
        "**Step 4 of 4:** Any preferences? For example hands-on therapies, movement, mind-body practices, or things you would rather avoid.",
    ];

    private static readonly string[] ConditionSuggestions = ["Back pain", "Arthritis", "Nerve pain", "Fibromyalgia", "Migraine"];

    /// <summary>Starts a guide and returns its first prompt.</summary>
    public static BotReply Start(ConversationState state, string name)
    {
        state.Guide = new GuideState(name);
        return name == PainPlan
            ? new BotReply(PlanPrompts[0], ReplyKind.Guide, [], ConditionSuggestions)
            : new BotReply(
                "Let's prepare questions for your visit. You can say **stop** at any time.\n\nWhat is the visit about? For example a new therapy such as acupuncture or massage, surgery, pain medicines, or a first visit to an integrative clinic.",
                ReplyKind.Guide,
                [],
                ["A new therapy", "Surgery", "Pain medicines", "A first visit"]);
    }

    /// <summary>Re-asks the current step (after the person asked something else in between).</summary>
    public static string CurrentPrompt(GuideState guide) =>
        guide.Name == PainPlan ? PlanPrompts[Math.Min(guide.Step, PlanPrompts.Length - 1)] : "What is the visit about?";

    /// <summary>Takes the person's answer to the current step and returns the next prompt or the summary.</summary>
    public BotReply Next(ConversationState state, string answer)
    {
        var guide = state.Guide!;
        if (guide.Name == ProviderQuestions)
        {
            state.Guide = null;
            return ProviderSummary(state.Audience, answer);
        }

        guide.Answers[PlanKeys[guide.Step]] = answer;
        guide.Step++;
        if (guide.Step < PlanKeys.Length)
        {
            return new BotReply(PlanPrompts[guide.Step], ReplyKind.Guide, [], guide.Step == 2 ? ["Skip"] : []);
        }

        state.Guide = null;
        return PlanSummary(state.Audience, guide.Answers);
    }

    private BotReply PlanSummary(Audience audience, Dictionary<string, string> answers)
    {
        var condition = answers["condition"];
        var citations = new List<Citation>();
        var sb = new StringBuilder("**Your draft pain plan** (to go through with your care team)\n\n");
        sb.Append("- **Condition:** ").Append(condition).Append('\n');
        sb.Append("- **Goals:** ").Append(answers["goals"]).Append('\n');
        sb.Append("- **Current treatments and medicines:** ").Append(Skipped(answers["treatments"]) ? "not given" : answers["treatments"])
          .Append(" (bring the full list, supplements included, to every provider)\n");
        sb.Append("- **Preferences:** ").Append(Skipped(answers["preferences"]) ? "none given" : answers["preferences"]).Append("\n\n");

        AppendSection(sb, citations, audience, "Options with the best evidence", $"which integrative therapies have the best evidence for {condition}", p => p.Topic.StartsWith("conditions-", StringComparison.Ordinal), 70);
        AppendSection(sb, citations, audience, "Questions to ask your provider", "questions to ask your integrative medicine provider", p => p.Topic == "access-questions-to-ask", 70);
        AppendSection(sb, citations, audience, "Tracking your progress", "personalized pain plan checklist track progress pain diary", p => p.Topic == "progress-tracking", 60);
        sb.Append(ExtractiveComposer.SourceList(citations));
        return new BotReply(sb.ToString().TrimEnd(), ReplyKind.Guide, citations, ["What should I ask my provider?", "How do I keep a pain diary?"]);
    }

    private BotReply ProviderSummary(Audience audience, string about)
    {
        var citations = new List<Citation>();
        var sb = new StringBuilder("**Questions to take to your visit**\n\n");
        AppendSection(sb, citations, audience, "Good questions for any provider", $"questions to ask before {about}", p => p.Topic == "access-questions-to-ask", 90);
        AppendSection(sb, citations, audience, $"About {about}", about, p => p.Topic != "access-questions-to-ask", 60);
        sb.Append(ExtractiveComposer.SourceList(citations));
        return new BotReply(sb.ToString().TrimEnd(), ReplyKind.Guide, citations, ["Build my pain plan", "Does insurance cover integrative care?"]);
    }

    private void AppendSection(StringBuilder sb, List<Citation> citations, Audience audience, string heading, string query, Func<Passage, bool> filter, int words)
    {
        var hit = search.Search(new SearchRequest(query, audience, 20)).Hits.FirstOrDefault(h => filter(h.Passage));
        if (hit is null)
        {
            return;
        }

        var number = citations.Count + 1;
        var composed = ExtractiveComposer.Compose(new ComposeRequest(query, audience, [hit], words));
        citations.Add(new Citation(number, hit.Passage.Id, hit.Passage.Title, hit.Passage.Topic));
        sb.Append("**").Append(heading).Append("**\n\n").Append(composed.Markdown.Replace(" [1]", $" [{number}]", StringComparison.Ordinal)).Append("\n\n");
    }

    private static bool Skipped(string answer) =>
        answer.Trim().ToUpperInvariant() is "SKIP" or "NONE" or "NO" or "N/A" or "NOTHING";
}
