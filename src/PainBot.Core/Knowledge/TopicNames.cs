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

    // Topic ids are few and fixed; each is split once (this runs on every turn).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlySet<string>> Subjects = new(StringComparer.Ordinal);

    /// <summary>The stemmed words of a topic id that name its subject ("tai", "chi", "qigong" of mind-body-tai-chi-qigong), not its family.</summary>
    public static IReadOnlySet<string> SubjectWords(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return Subjects.GetOrAdd(topic, t => t.Split('-').Where(w => !Families.Contains(w)).Select(Words.Stem).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>Whether the topic is a therapy or a kind of care (mind-body, physical, psychological, nutrition, conventional).</summary>
    public static bool IsTherapy(string topic) =>
        TherapyFamilies.Any(f => topic.StartsWith(f, StringComparison.Ordinal));

    private static readonly string[] TherapyFamilies = ["mind-body-", "physical-", "psych-", "nutrition-", "conventional-"];
}
