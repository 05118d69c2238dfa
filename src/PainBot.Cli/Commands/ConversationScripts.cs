using PainBot.Core.Content;
using PainBot.Core.Dialog;
using PainBot.Core.Knowledge;
using PainBot.Core.Safety;

namespace PainBot.Cli.Commands;

/// <summary>
/// Multi-turn conversation scripts (YAML): each turn is said in order in one conversation and must have the
/// listed properties. Used by the tests and by <c>eval</c>.
/// </summary>
internal static class ConversationScripts
{
    /// <summary>One script: a name, who speaks, and the turns.</summary>
    internal sealed record Script(string Name, Audience Audience, IReadOnlyList<Turn> Turns);

    /// <summary>What is said and the properties the turn must have.</summary>
    internal sealed record Turn(string Say, Expectations Expect);

    public static IReadOnlyList<Script> Load(string path) =>
    [
        .. (YamlContent.ReadFile<ScriptFile>(path, path).Scripts ?? []).Select(s => new Script(
            s.Name ?? throw new ContentException($"{path}:{s.Line}: a script has no name"),
            s.Audience == "staff" ? Audience.Staff : Audience.Patient,
            [.. (s.Turns ?? []).Select(t => new Turn(t.Say ?? string.Empty, t.Expect ?? new Expectations()))])),
    ];

    /// <summary>Runs a script in a fresh conversation; returns one line per unmet expectation (empty when all hold).</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(DialogManager dialog, Script script)
    {
        var failures = new List<string>();
        var conversation = "script-" + Guid.NewGuid().ToString("N");
        var number = 0;
        foreach (var turn in script.Turns)
        {
            number++;
            var result = await dialog.HandleAsync(new UserTurn(conversation, "script", turn.Say, "script", script.Audience)).ConfigureAwait(false);
            foreach (var (key, problem) in Check(turn.Expect, result))
            {
                failures.Add($"{script.Name}, turn {number} (\"{turn.Say}\"): {key}: {problem}");
            }
        }

        return failures;
    }

    /// <summary>Each expected property the turn does not have, with what it had instead.</summary>
    private static IEnumerable<(string Key, string Problem)> Check(Expectations e, TurnResult r)
    {
        var cited = r.Sources.Count > 0 || r.Replies.Any(x => x.Citations.Count > 0);
        var topic = r.Sources.Count > 0 ? r.Sources[0].Passage.Topic : null;
        (string, string?)[] checks =
        [
            ("level", e.Level is null || r.Safety.Level.ToWire() == e.Level ? null : $"got {r.Safety.Level.ToWire()}"),
            ("scope", e.Scope is null || AskCommand.ScopeName(r.Scope) == e.Scope ? null : $"got {AskCommand.ScopeName(r.Scope)}"),
            ("kind", e.Kind is null || r.Replies.Any(x => string.Equals(x.Kind.ToString(), e.Kind.Replace("_", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase))
                ? null
                : $"got {string.Join(",", r.Replies.Select(x => x.Kind))}"),
            ("topics", e.Topics is null || (topic is not null && e.Topics.Contains(topic)) ? null : $"got {topic ?? "no sources"}"),
            ("cites", e.Cites is null || cited == e.Cites ? null : $"got {cited}"),
            ("disclaimer", e.Disclaimer is null || r.Disclaimer == e.Disclaimer ? null : $"got {r.Disclaimer}"),
            ("handoff", e.Handoff is null || r.Handoff == e.Handoff ? null : $"got {r.Handoff}"),
            ("suggestions", e.Suggestions is null || r.Suggestions.Count >= e.Suggestions ? null : $"got {r.Suggestions.Count}"),
            ("contains", e.Contains?.FirstOrDefault(s => !r.Text.Contains(s, StringComparison.OrdinalIgnoreCase)) is { } missing ? $"missing '{missing}'" : null),
            ("excludes", e.Excludes?.FirstOrDefault(s => r.Text.Contains(s, StringComparison.OrdinalIgnoreCase)) is { } present ? $"has '{present}'" : null),
        ];
        return checks.Where(c => c.Item2 is not null).Select(c => (c.Item1, c.Item2!));
    }

    /// <summary>The properties a turn must have (keys of <c>expect</c>); an unset one is not checked.</summary>
    internal sealed class Expectations
    {
        public string? Level { get; set; }

        public string? Scope { get; set; }

        public string? Kind { get; set; }

        public List<string>? Topics { get; set; }

        public bool? Cites { get; set; }

        public bool? Disclaimer { get; set; }

        public bool? Handoff { get; set; }

        public int? Suggestions { get; set; }

        public List<string>? Contains { get; set; }

        public List<string>? Excludes { get; set; }
    }

    private sealed class ScriptFile
    {
        public List<ScriptEntry>? Scripts { get; set; }
    }

    private sealed class ScriptEntry : YamlRecord
    {
        public string? Name { get; set; }

        public string? Audience { get; set; }

        public List<TurnEntry>? Turns { get; set; }
    }

    private sealed class TurnEntry
    {
        public string? Say { get; set; }

        public Expectations? Expect { get; set; }
    }
}
