using System.Text.Json;
using PainBot.Core.Dialog;
using PainBot.Core.Knowledge;

namespace PainBot.Cli.Commands;

/// <summary>
/// Follow-ups in whole conversations: each line is a conversation of user turns, each turn labelled with the
/// topics that answer it in context and its kind (first, facet, elliptical, switch, return, person). A turn is a
/// hit at k when a labelled topic is among the topics of the reply's first k sources.
/// </summary>
internal sealed class ConversationEval(DialogManager dialog, TextWriter output)
{
    public async Task Run(string path, bool listMisses = true)
    {
        var rows = new List<(string Kind, bool At1, bool At3, string Miss)>();
        var conversations = 0;
        foreach (var line in File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var id = root.GetProperty("id").GetString() ?? "?";
            var audience = AudienceExtensions.TryParse(root.TryGetProperty("audience", out var a) ? a.GetString() : null, out var parsed) ? parsed : Audience.Patient;
            var conversation = "conv-" + Guid.NewGuid().ToString("N");
            conversations++;
            var n = 0;
            foreach (var turn in root.GetProperty("turns").EnumerateArray())
            {
                n++;
                var text = turn.GetProperty("text").GetString() ?? string.Empty;
                var wanted = turn.GetProperty("topics").EnumerateArray().Select(t => t.GetString()).ToHashSet(StringComparer.Ordinal);
                var kind = turn.TryGetProperty("kind", out var k) ? k.GetString() ?? "?" : "?";
                var result = await dialog.HandleAsync(new UserTurn(conversation, "eval", text, "eval", audience)).ConfigureAwait(false);
                var got = result.Sources.Select(s => s.Passage.Topic).Take(3).ToList();
                var at1 = got.Count > 0 && wanted.Contains(got[0]);
                var at3 = got.Any(wanted.Contains);
                rows.Add((kind, at1, at3, at3 ? string.Empty : $"  {id} turn {n} ({kind}): \"{text}\" wants [{string.Join(", ", wanted)}], got [{string.Join(", ", got)}]{(got.Count == 0 && result.Replies.Count > 0 ? " " + result.Replies[0].Kind : string.Empty)}"));
            }
        }

        output.WriteLine($"Conversations ({conversations}, {rows.Count} turns; a hit is a labelled topic among the reply's first sources)");
        output.WriteLine($"  {"kind",-11} {"turns",5} {"recall@1",9} {"recall@3",9}");
        foreach (var group in rows.GroupBy(r => r.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Prepend(rows.GroupBy(_ => "all").Single()))
        {
            var list = group.ToList();
            output.WriteLine($"  {group.Key,-11} {list.Count,5} {list.Count(r => r.At1) / (double)list.Count,9:0.000} {list.Count(r => r.At3) / (double)list.Count,9:0.000}");
        }

        var followUps = rows.Where(r => r.Kind != "first").ToList();
        if (followUps.Count > 0)
        {
            output.WriteLine($"  follow-up turns (all but first): recall@3 {followUps.Count(r => r.At3) / (double)followUps.Count:0.000}");
        }

        if (listMisses)
        {
            foreach (var miss in rows.Where(r => !r.At3))
            {
                output.WriteLine(miss.Miss);
            }
        }

        output.WriteLine();
    }
}
