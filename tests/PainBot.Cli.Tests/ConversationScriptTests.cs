using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PainBot.Cli.Commands;
using PainBot.Core.Content;
using PainBot.Core.Dialog;
using PainBot.Core.Knowledge;
using PainBot.Knowledge;

namespace PainBot.Cli.Tests;

/// <summary>The assistant as the CLI builds it (real knowledge, real MiniLM, real rules), started once.</summary>
public sealed class AssistantFixture : IDisposable
{
    public AssistantFixture()
    {
        Host = CliHost.Build(TestSettings.Default);
        Host.Services.GetRequiredService<ContentStore>().Load();
        Dialog = Host.Services.GetRequiredService<DialogManager>();
    }

    public IHost Host { get; }

    public DialogManager Dialog { get; }

    public void Dispose() => Host.Dispose();
}

public sealed class ConversationScriptTests(AssistantFixture fixture) : IClassFixture<AssistantFixture>
{
    private static readonly IReadOnlyList<ConversationScripts.Script> Scripts =
        ConversationScripts.Load(Path.Combine(AppContext.BaseDirectory, "Scripts", "conversations.yaml"));

    public static TheoryData<string> ScriptNames()
    {
        var data = new TheoryData<string>();
        foreach (var s in Scripts)
        {
            data.Add(s.Name);
        }

        return data;
    }

    [Fact]
    public void Scripts_AreAtLeastTwentyFive() => Assert.True(Scripts.Count >= 25);

    [Theory]
    [InlineData("expect: { kidn: answer }", ":5: unknown key 'kidn' (allowed: level, scope, kind,")]
    [InlineData("expect: { cites: maybe }", ":5: ")]
    public void Load_BrokenScript_ErrorNamesFileAndLine(string expect, string expected)
    {
        var path = Path.Combine(Path.GetTempPath(), $"painbot-script-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, $"scripts:\n  - name: broken\n    turns:\n      - say: hi\n        {expect}\n");
        try
        {
            var ex = Assert.Throws<ContentException>(() => ConversationScripts.Load(path));
            Assert.StartsWith(path + expected, ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [MemberData(nameof(ScriptNames))]
    public async Task Script_EveryTurn_HasItsExpectedProperties(string name)
    {
        var failures = await ConversationScripts.RunAsync(fixture.Dialog, Scripts.Single(s => s.Name == name));

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
