using System.Text.RegularExpressions;

namespace PainBot.Core.Dialog;

/// <summary>Recognises commands said in plain words ("start over", "talk to a person", "forget me").</summary>
public static partial class CommandRecognizer
{
    public static Command Recognize(string text)
    {
        var t = text.Trim().TrimEnd('.', '!', '?').Replace('\u2019', '\'').ToLowerInvariant();
        if (t.Length == 0 || t.Length > 120)
        {
            return Command.None;
        }

        if (ForgetMe().IsMatch(t))
        {
            return Command.ForgetMe;
        }

        if (SafeNow().IsMatch(t))
        {
            return Command.SafeNow;
        }

        if (Handoff().IsMatch(t))
        {
            return Command.Handoff;
        }

        if (StartOver().IsMatch(t))
        {
            return Command.StartOver;
        }

        // Guides start on short requests only; a full question ("what should I ask before trying acupuncture
        // for my knee") is answered from the knowledge instead.
        var words = t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (words <= 9 && PainPlan().IsMatch(t))
        {
            return Command.StartPainPlan;
        }

        if (words <= 7 && ProviderQuestions().IsMatch(t))
        {
            return Command.StartProviderQuestions;
        }

        if (Leave().IsMatch(t))
        {
            return Command.Leave;
        }

        if (Help().IsMatch(t))
        {
            return Command.Help;
        }

        return Feedback().IsMatch(t) ? Command.Feedback : Command.None;
    }

    // The crisis reply's own suggestion, and the plain ways of saying it; never a message that says more.
    [GeneratedRegex(@"^(i'?m|i am|im) (safe|ok|okay|fine|alright|all right)( now)?(,? (let'?s|lets|we can|i want to|please) (continue|carry on|go on|keep going))?$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeNow();

    [GeneratedRegex(@"^(help|menu|options|what can you do|what can you help( me)? with|how does this work|what do you do)$", RegexOptions.CultureInvariant)]
    private static partial Regex Help();

    [GeneratedRegex(@"^(start over|start again|restart|reset|new conversation|new topic|clear)$", RegexOptions.CultureInvariant)]
    private static partial Regex StartOver();

    [GeneratedRegex(@"\b(talk|speak|chat)\s+(to|with)\s+(a|an|the|someone|somebody|real|actual)?\s*(real |actual |live )?(person|human|someone|somebody|nurse|doctor|staff|agent|care team|front desk|receptionist)\b|^(human|agent|operator|representative)( please)?$|\bcall me back\b", RegexOptions.CultureInvariant)]
    private static partial Regex Handoff();

    [GeneratedRegex(@"\bforget (me|everything|what i (said|told you))\b|\b(delete|erase|remove|clear) (my|all my|this) (data|conversation|history|information|info|messages|chat)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ForgetMe();

    [GeneratedRegex(@"^(feedback|thanks?|thank you|that (was|wasn't|was not) (helpful|useful)|(very )?helpful|not helpful|useless|great|👍|👎)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Feedback();

    [GeneratedRegex(@"^(stop|cancel|quit|exit|leave|never ?mind|skip this|no thanks|end (this|the plan|plan))$", RegexOptions.CultureInvariant)]
    private static partial Regex Leave();

    [GeneratedRegex(@"\b(build|make|create|start|plan|put together)\b.{0,20}\b(pain plan|plan for my pain|pain management plan|care plan|personali[sz]ed plan)\b|^(pain plan|my pain plan|build my plan)$", RegexOptions.CultureInvariant)]
    private static partial Regex PainPlan();

    [GeneratedRegex(@"\bwhat (should|do|can) i ask (my |the )?(provider|doctor|surgeon|therapist|acupuncturist|chiropractor|team)\b|\bquestions (to ask|for) (my |the )?(provider|doctor|surgeon|appointment|visit)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ProviderQuestions();
}
