using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PainBot.Cli.Commands;
using PainBot.Core.Dialog;
using PainBot.Core.Knowledge;
using PainBot.Knowledge;
using YamlDotNet.RepresentationModel;

namespace PainBot.Cli.Tests;

/// <summary>The assistant as the CLI builds it (real knowledge, real MiniLM, real rules), started once.</summary>
public sealed class AssistantFixture : IDisposable
{
    public AssistantFixture()
    {
        Host = CliHost.Build(TestSettings.Default);
        Host.Services.GetRequiredService<KnowledgeService>().Load();
        Dialog = Host.Services.GetRequiredService<DialogManager>();
    }

    public IHost Host { get; }

    public DialogManager Dialog { get; }

    public void Dispose() => Host.Dispose();
}

public sealed class ConversationScriptTests(AssistantFixture fixture) : IClassFixture<AssistantFixture>
{
    private static readonly string ScriptFile = Path.Combine(AppContext.BaseDirectory, "Scripts", "conversations.yaml");

    private static YamlSequenceNode Scripts()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(ScriptFile);
        stream.Load(reader);
        return (YamlSequenceNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("scripts")];
    }

    public static TheoryData<string> ScriptNames()
    {
        var data = new TheoryData<string>();
        foreach (var s in Scripts())
        {
            data.Add(((YamlScalarNode)((YamlMappingNode)s).Children[new YamlScalarNode("name")]).Value!);
        }

        return data;
    }

    [Fact]
    public void Scripts_AreAtLeastTwentyFive() => Assert.True(Scripts().Children.Count >= 25);

    [Theory]
    [MemberData(nameof(ScriptNames))]
    public async Task Script_EveryTurn_HasItsExpectedProperties(string name)
    {
        var script = (YamlMappingNode)Scripts().First(s => ((YamlScalarNode)((YamlMappingNode)s).Children[new YamlScalarNode("name")]).Value == name);
        var audience = script.Children.TryGetValue(new YamlScalarNode("audience"), out var a) && ((YamlScalarNode)a).Value == "staff" ? Audience.Staff : Audience.Patient;
        var conversation = "script-" + Guid.NewGuid().ToString("N");
        var number = 0;
        foreach (YamlMappingNode turn in (YamlSequenceNode)script.Children[new YamlScalarNode("turns")])
        {
            number++;
            var say = ((YamlScalarNode)turn.Children[new YamlScalarNode("say")]).Value ?? string.Empty;
            var result = await fixture.Dialog.HandleAsync(new UserTurn(conversation, "tester", say, "test", audience));
            var expect = (YamlMappingNode)turn.Children[new YamlScalarNode("expect")];
            foreach (var (k, v) in expect.Children)
            {
                Check(name, number, say, ((YamlScalarNode)k).Value!, v, result);
            }
        }
    }

    private static void Check(string script, int turn, string said, string key, YamlNode value, TurnResult r)
    {
        var where = $"{script}, turn {turn} (\"{said}\"): {key}";
        var scalar = (value as YamlScalarNode)?.Value;
        var list = (value as YamlSequenceNode)?.Children.Select(c => ((YamlScalarNode)c).Value!).ToList() ?? [];
        switch (key)
        {
            case "level":
                Assert.True(AskCommand.LevelName(r.Safety.Level) == scalar, $"{where}: got {AskCommand.LevelName(r.Safety.Level)}\n{r.Text}");
                break;
            case "scope":
                Assert.True(AskCommand.ScopeName(r.Scope) == scalar, $"{where}: got {AskCommand.ScopeName(r.Scope)}");
                break;
            case "kind":
                var kinds = r.Replies.Select(x => x.Kind.ToString()).ToList();
                Assert.True(kinds.Any(k => string.Equals(k, scalar!.Replace("_", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase)), $"{where}: got {string.Join(",", kinds)}\n{r.Text}");
                break;
            case "topics":
                Assert.True(r.Sources.Count > 0 && list.Contains(r.Sources[0].Passage.Topic), $"{where}: got {(r.Sources.Count > 0 ? r.Sources[0].Passage.Topic : "no sources")}\n{r.Text}");
                break;
            case "cites":
                Assert.True((r.Sources.Count > 0 || r.Replies.Any(x => x.Citations.Count > 0)) == bool.Parse(scalar!), $"{where}\n{r.Text}");
                break;
            case "disclaimer":
                Assert.True(r.Disclaimer == bool.Parse(scalar!), $"{where}\n{r.Text}");
                break;
            case "handoff":
                Assert.True(r.Handoff == bool.Parse(scalar!), where);
                break;
            case "suggestions":
                Assert.True(r.Suggestions.Count >= int.Parse(scalar!, System.Globalization.CultureInfo.InvariantCulture), $"{where}: {r.Suggestions.Count}");
                break;
            case "contains":
                Assert.All(list, s => Assert.True(r.Text.Contains(s, StringComparison.OrdinalIgnoreCase), $"{where}: missing '{s}'\n{r.Text}"));
                break;
            case "excludes":
                Assert.All(list, s => Assert.False(r.Text.Contains(s, StringComparison.OrdinalIgnoreCase), $"{where}: has '{s}'\n{r.Text}"));
                break;
            default:
                Assert.Fail($"{where}: unknown expectation key");
                break;
        }
    }
}
