using System.Text.RegularExpressions;
using PainBot.Core.Text;

namespace PainBot.Core.Dialog;

/// <summary>
/// Recognises messages that only make sense against the conversation ("is it safe?", "what about for
/// migraines?", "tell me more") and turns them into standalone questions using the last topic.
/// </summary>
public static partial class FollowUp
{
    /// <summary>"tell me more", "more", "go on": continue with passages not shown yet.</summary>
    public static bool IsMore(string text) => More().IsMatch(text.Trim().TrimEnd('.', '!', '?').ToLowerInvariant());

    /// <summary>Whether the message leans on what was said before.</summary>
    public static bool NeedsContext(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        if (Words.Tokens(t).Count() > 12)
        {
            return false;
        }

        return Opening().IsMatch(t) || (Pronoun().IsMatch(t) && Words.ContentStems(t).Count <= 3);
    }

    /// <summary>A short fragment with some content ("even on bad days?", "simpler wording?"), not an acknowledgement ("ok cool").</summary>
    public static bool IsFragment(string text) =>
        Words.Tokens(text).Count() <= MaxFragmentWords && Words.ContentStems(text).Any(w => !Acknowledgements.Contains(w));

    private const int MaxFragmentWords = 6;

    private static readonly HashSet<string> Acknowledgements = new(StringComparer.Ordinal)
    {
        "ok", "okay", "cool", "sure", "yes", "yeah", "yep", "nope", "great", "nice", "alright", "fine", "perfect",
        "awesome", "lol", "hmm", "right", "understood", "gotcha", "bye", "hello", "hi", "hey",
    };

    /// <summary>"Different question: ...", "moving on", "something else": the person starts a new subject.</summary>
    public static bool IsSwitch(string text) => Switch().IsMatch(text.Trim().ToLowerInvariant());

    /// <summary>"Going back to what you said before", "back to the first thing": the subject before the last one.</summary>
    public static bool IsReturn(string text) => Return().IsMatch(text.Trim().ToLowerInvariant());

    /// <summary>Whether the message names its own subject ("what about massage for my neck") beyond generic words.</summary>
    public static bool HasSubject(string text) =>
        Words.ContentStems(text).Any(w => !Generic.Contains(w));

    private static readonly HashSet<string> Generic = new(StringComparer.Ordinal)
    {
        "safe", "safety", "long", "until", "soon", "often", "many", "much", "side", "effect", "risk", "cost", "take",
        "start", "work", "tell", "else", "what", "ok", "okay", "time", "week", "month", "use", "try", "worth", "and",
        "husband", "wife", "partner", "mom", "dad", "mother", "father", "son", "daughter", "friend", "kid", "child",
    };

    /// <summary>The message made standalone with the last topic's name, e.g. "what about for migraines? (Acupuncture)".</summary>
    public static string Resolve(string text, string lastTopicLabel) => $"{text} {lastTopicLabel}";

    [GeneratedRegex(@"^(ok(ay)?,? |so,? |also,? |hey,? )?(different|another|new|separate|unrelated|other|next|random|quick (different|unrelated)) (question|topic|thing|subject|q)\b|^(ok(ay)?,? |so,? |also,? )?(something else|moving on|changing (the )?subject|change of subject|on (a|an)other (note|topic)|unrelated,|totally unrelated|switching (topics?|gears))\b", RegexOptions.CultureInvariant)]
    private static partial Regex Switch();

    [GeneratedRegex(@"\b(go(ing)? back to|back to (what|the|that|my|your|our)|earlier (you|u) (said|mentioned)|you (said|mentioned) (earlier|before|first)|the (first|earlier|other|previous) (thing|one|topic|question)|what we (talked|were talking) about (before|earlier|first))\b", RegexOptions.CultureInvariant)]
    private static partial Regex Return();

    [GeneratedRegex(@"^(tell me more|more|more please|go on|continue|keep going|anything else|what else|more info|more information|details)$", RegexOptions.CultureInvariant)]
    private static partial Regex More();

    [GeneratedRegex(@"^(and|but|also|what about|how about|what if|and what about|same for|is that|is it|are they|does it|do they|will it|can it|how long|how soon|how often|how many|how much|who should|any side effects|side effects|risks)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Opening();

    [GeneratedRegex(@"\b(it|this|that|they|them|those|these)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Pronoun();
}
