using System.Text.Json;
using PainBot.Core.Dialog;
using PainBot.Core.Knowledge;
using PainBot.Core.Safety;
using PainBot.Core.Scope;

namespace PainBot.Cli.Commands;

/// <summary>Safety and scope figures of whole turns on the labelled development sets.</summary>
internal sealed class DialogEval(DialogManager dialog, TextWriter output)
{
    private static readonly Dictionary<string, SafetyLevel> Levels = new(StringComparer.Ordinal)
    {
        ["emergency"] = SafetyLevel.Emergency,
        ["crisis"] = SafetyLevel.Crisis,
        ["urgent"] = SafetyLevel.Urgent,
        ["med_safety"] = SafetyLevel.MedSafety,
        ["benign"] = SafetyLevel.None,
    };

    private static readonly Dictionary<string, ScopeVerdict> Scopes = new(StringComparer.Ordinal)
    {
        ["decline"] = ScopeVerdict.Out,
        ["redirect_to_clinician"] = ScopeVerdict.Clinician,
        ["refuse_injection"] = ScopeVerdict.Injection,
        ["privacy"] = ScopeVerdict.Privacy,
        ["answer"] = ScopeVerdict.In,
        ["in"] = ScopeVerdict.In,
    };

    public async Task Safety(string path)
    {
        var rows = new List<(string Id, string Label, SafetyLevel Got)>();
        foreach (var (id, text, label) in Read(path, "label"))
        {
            var r = await Turn(text).ConfigureAwait(false);
            rows.Add((id, label, r.Safety.Level));
        }

        output.WriteLine($"Safety ({rows.Count} messages; caught = escalated at the label's level or higher)");
        output.WriteLine($"  {"level",-11} {"n",4} {"caught",8} {"exact",8}");
        foreach (var (name, level) in Levels.Where(l => l.Value != SafetyLevel.None))
        {
            var of = rows.Where(r => r.Label == name).ToList();
            if (of.Count == 0)
            {
                continue;
            }

            output.WriteLine($"  {name,-11} {of.Count,4} {of.Count(r => r.Got >= level) / (double)of.Count,8:0.000} {of.Count(r => r.Got == level) / (double)of.Count,8:0.000}");
        }

        var benign = rows.Where(r => r.Label == "benign").ToList();
        if (benign.Count > 0)
        {
            output.WriteLine($"  benign false escalations: {benign.Count(r => r.Got != SafetyLevel.None)}/{benign.Count} = {benign.Count(r => r.Got != SafetyLevel.None) / (double)benign.Count:0.000}");
        }

        // Rows: the label; columns: what the assistant did.
        var order = new[] { SafetyLevel.Emergency, SafetyLevel.Crisis, SafetyLevel.Urgent, SafetyLevel.MedSafety, SafetyLevel.None };
        output.WriteLine($"  confusion (rows labelled, columns got): {string.Join(" ", order.Select(l => $"{Short(l),6}"))}");
        foreach (var label in order)
        {
            var name = label == SafetyLevel.None ? "benign" : label.ToWire();
            if (rows.Any(r => r.Label == name))
            {
                output.WriteLine($"    {name,-37} {string.Join(" ", order.Select(got => $"{rows.Count(r => r.Label == name && r.Got == got),6}"))}");
            }
        }

        foreach (var miss in rows.Where(r => Levels.TryGetValue(r.Label, out var l) && l != r.Got))
        {
            output.WriteLine($"  {(Levels[miss.Label] > miss.Got ? "MISSED" : "higher")} {miss.Id}: labelled {miss.Label}, got {miss.Got.ToWire()}");
        }

        output.WriteLine();

        static string Short(SafetyLevel l) => l switch
        {
            SafetyLevel.Emergency => "emerg",
            SafetyLevel.Crisis => "crisis",
            SafetyLevel.Urgent => "urgent",
            SafetyLevel.MedSafety => "med",
            _ => "none",
        };
    }

    public async Task Scope(string path)
    {
        int n = 0, right = 0;
        var misses = new List<string>();
        foreach (var (id, text, expect) in Read(path, "expect"))
        {
            var r = await Turn(text).ConfigureAwait(false);
            n++;
            if (Scopes.TryGetValue(expect, out var want) && want == r.Scope)
            {
                right++;
            }
            else
            {
                misses.Add($"  miss {id}: expected {expect}, got {AskCommand.ScopeName(r.Scope)}");
            }
        }

        output.WriteLine($"Scope ({n} messages): accuracy {(n == 0 ? 0 : right / (double)n):0.000}");
        foreach (var m in misses)
        {
            output.WriteLine(m);
        }

        output.WriteLine();
    }

    /// <summary>The topics of the sources of a whole turn, for comparing retrieval through ask with search.</summary>
    public IReadOnlyList<string> TopicsThroughAsk(string text, Audience audience)
    {
        var r = dialog.HandleAsync(new UserTurn("eval-" + Guid.NewGuid().ToString("N"), "eval", text, "eval", audience)).GetAwaiter().GetResult();
        return [.. r.Sources.Select(s => s.Passage.Topic)];
    }

    private Task<TurnResult> Turn(string text) =>
        dialog.HandleAsync(new UserTurn("eval-" + Guid.NewGuid().ToString("N"), "eval", text, "eval"));

    private static IEnumerable<(string Id, string Text, string Label)> Read(string path, string labelField)
    {
        foreach (var line in File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            yield return (root.GetProperty("id").GetString() ?? "?", root.GetProperty("text").GetString() ?? string.Empty, root.GetProperty(labelField).GetString() ?? string.Empty);
        }
    }
}
