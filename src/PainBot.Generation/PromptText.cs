using System.Globalization;
using System.Text;
using PainBot.Core.Knowledge;
using PainBot.Generation.Grounding;

namespace PainBot.Generation;

/// <summary>How passages, audience and turns are written into a prompt's variables.</summary>
internal static class PromptText
{
    /// <summary>The passages numbered [1]..[k], each with its title; sentences addressed to a model are withheld.</summary>
    public static string Passages(IReadOnlyList<Passage> passages)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < passages.Count; i++)
        {
            sb.Append('[').Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append("] ").Append(passages[i].Title).Append('\n');
            foreach (var line in passages[i].Body.Split('\n'))
            {
                if (!InjectionDetector.LooksLikeInstruction(line))
                {
                    sb.Append(line.TrimEnd()).Append('\n');
                }
            }

            sb.Append('\n');
        }

        return sb.ToString().TrimEnd();
    }

    public static string Audience(Audience audience) => audience == Core.Knowledge.Audience.Staff
        ? "clinic staff (front desk and clinicians): concise, clinical terms are fine"
        : "a patient or family member: plain everyday words, no jargon";

    /// <summary>Recent turns, one per line, or "(none)".</summary>
    public static string Turns(IReadOnlyList<ConversationLine> turns) =>
        turns.Count == 0 ? "(none)" : string.Join('\n', turns.Select(t => (t.FromPerson ? "Person: " : "Assistant: ") + t.Text.ReplaceLineEndings(" ")));
}
