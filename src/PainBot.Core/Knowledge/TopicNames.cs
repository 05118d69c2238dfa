using PainBot.Core.Text;

namespace PainBot.Core.Knowledge;

/// <summary>What a topic id says about its subject.</summary>
public static class TopicNames
{
    private static readonly HashSet<string> Families = new(StringComparer.Ordinal)
    {
        "access", "conditions", "conventional", "mind", "body", "physical", "nutrition", "psych", "faq", "general", "other", "pain",
        "integrative", "anti", "management",
    };

    /// <summary>The stemmed words of a topic id that name its subject ("tai", "chi", "qigong" of mind-body-tai-chi-qigong), not its family.</summary>
    public static HashSet<string> SubjectWords(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return [.. topic.Split('-').Where(w => !Families.Contains(w)).Select(Words.Stem)];
    }

    /// <summary>Whether the topic is a therapy or a kind of care (mind-body, physical, psychological, nutrition, conventional).</summary>
    public static bool IsTherapy(string topic) =>
        TherapyFamilies.Any(f => topic.StartsWith(f, StringComparison.Ordinal));

    private static readonly string[] TherapyFamilies = ["mind-body-", "physical-", "psych-", "nutrition-", "conventional-"];
}
