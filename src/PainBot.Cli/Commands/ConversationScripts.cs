using System.Globalization;
using PainBot.Core.Dialog;
using PainBot.Core.Knowledge;
using PainBot.Core.Safety;
using YamlDotNet.RepresentationModel;

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
    internal sealed record Turn(string Say, IReadOnlyList<(string Key, YamlNode Value)> Expect);

    public static IReadOnlyList<Script> Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        var scripts = new List<Script>();
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        foreach (YamlMappingNode s in (YamlSequenceNode)root.Children[new YamlScalarNode("scripts")])
        {
            var name = Scalar(s, "name") ?? throw new InvalidDataException($"{path}: a script has no name");
            var audience = Scalar(s, "audience") == "staff" ? Audience.Staff : Audience.Patient;
            var turns = new List<Turn>();
            foreach (YamlMappingNode t in (YamlSequenceNode)s.Children[new YamlScalarNode("turns")])
            {
                var expect = ((YamlMappingNode)t.Children[new YamlScalarNode("expect")]).Children
                    .Select(kv => (((YamlScalarNode)kv.Key).Value!, kv.Value)).ToList();
                turns.Add(new Turn(Scalar(t, "say") ?? string.Empty, expect));
            }

            scripts.Add(new Script(name, audience, turns));
        }

        return scripts;
    }

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
            foreach (var (key, value) in turn.Expect)
            {
                if (Check(key, value, result) is { } problem)
                {
                    failures.Add($"{script.Name}, turn {number} (\"{turn.Say}\"): {key}: {problem}");
                }
            }
        }

        return failures;
    }

    /// <summary>Null when the turn has the property, otherwise what it had instead.</summary>
    private static string? Check(string key, YamlNode value, TurnResult r)
    {
        var scalar = (value as YamlScalarNode)?.Value;
        var list = (value as YamlSequenceNode)?.Children.Select(c => ((YamlScalarNode)c).Value!).ToList() ?? [];
        var cited = r.Sources.Count > 0 || r.Replies.Any(x => x.Citations.Count > 0);
        return key switch
        {
            "level" => r.Safety.Level.ToWire() == scalar ? null : $"got {r.Safety.Level.ToWire()}",
            "scope" => AskCommand.ScopeName(r.Scope) == scalar ? null : $"got {AskCommand.ScopeName(r.Scope)}",
            "kind" => r.Replies.Any(x => string.Equals(x.Kind.ToString(), scalar!.Replace("_", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase))
                ? null
                : $"got {string.Join(",", r.Replies.Select(x => x.Kind))}",
            "topics" => r.Sources.Count > 0 && list.Contains(r.Sources[0].Passage.Topic) ? null : $"got {(r.Sources.Count > 0 ? r.Sources[0].Passage.Topic : "no sources")}",
            "cites" => cited == bool.Parse(scalar!) ? null : $"got {cited}",
            "disclaimer" => r.Disclaimer == bool.Parse(scalar!) ? null : $"got {r.Disclaimer}",
            "handoff" => r.Handoff == bool.Parse(scalar!) ? null : $"got {r.Handoff}",
            "suggestions" => r.Suggestions.Count >= int.Parse(scalar!, CultureInfo.InvariantCulture) ? null : $"got {r.Suggestions.Count}",
            "contains" => list.FirstOrDefault(s => !r.Text.Contains(s, StringComparison.OrdinalIgnoreCase)) is { } missing ? $"missing '{missing}'" : null,
            "excludes" => list.FirstOrDefault(s => r.Text.Contains(s, StringComparison.OrdinalIgnoreCase)) is { } present ? $"has '{present}'" : null,
            _ => "unknown expectation key",
        };
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var v) ? ((YamlScalarNode)v).Value : null;
}
