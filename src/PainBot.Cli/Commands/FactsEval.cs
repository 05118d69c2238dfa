using System.Text.Json;
using PainBot.Core.Dialog;
using PainBot.Core.Knowledge;
using PainBot.Core.Text;

namespace PainBot.Cli.Commands;

/// <summary>
/// Whether whole turns carry the key facts of the guide's sections: each question lists fact groups, and a reply
/// carries a fact when its answer text (sources and notice left out) contains any alternative of the group,
/// ignoring case and accents.
/// </summary>
internal sealed class FactsEval(DialogManager dialog, TextWriter output)
{
    public async Task Run(string path)
    {
        double carried = 0;
        int questions = 0, whole = 0, words = 0;
        var misses = new List<string>();
        foreach (var line in File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var id = root.GetProperty("id").GetString() ?? "?";
            var audience = AudienceExtensions.TryParse(root.TryGetProperty("audience", out var a) ? a.GetString() : null, out var parsed) ? parsed : Audience.Patient;
            var facts = root.GetProperty("facts").EnumerateArray().Select(g => g.EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToList()).ToList();
            var turn = new UserTurn("facts-" + Guid.NewGuid().ToString("N"), "eval", root.GetProperty("question").GetString() ?? string.Empty, "eval", audience);
            var result = await dialog.HandleAsync(turn).ConfigureAwait(false);
            var answer = AnswerText(result);
            var folded = TextFold.Fold(answer);
            var missing = facts.Where(g => !g.Any(alt => folded.Contains(TextFold.Fold(alt), StringComparison.Ordinal))).ToList();
            questions++;
            words += Words.Count(answer);
            carried += facts.Count == 0 ? 1 : (facts.Count - missing.Count) / (double)facts.Count;
            whole += missing.Count == 0 ? 1 : 0;
            if (missing.Count > 0)
            {
                var cited = string.Join(", ", result.Sources.Select(s => s.Passage.Id).Distinct());
                misses.Add($"  {id}: missing {string.Join("; ", missing.Select(g => string.Join("|", g)))} (sources: {(cited.Length == 0 ? (result.Replies.Count > 0 ? result.Replies[0].Kind.ToString() : "no reply") : cited)})");
            }
        }

        output.WriteLine($"Facts ({questions} questions): facts carried {(questions == 0 ? 0 : carried / questions):0.000}, every fact {whole}/{questions}, mean answer {(questions == 0 ? 0 : words / questions)} words");
        foreach (var m in misses)
        {
            output.WriteLine(m);
        }

        output.WriteLine();
    }

    /// <summary>The answer's own text: every reply, without the source list and the notice under it.</summary>
    internal static string AnswerText(TurnResult result) =>
        string.Join("\n\n", result.Replies.Select(r => r.Markdown.Split("**Sources**")[0]));
}
