using PainBot.Core.Content;
using PainBot.Core.Safety;

namespace PainBot.Core.Tests.Safety;

/// <summary>Broken rule files must stop start-up with a message naming the file, line, rule and problem.</summary>
public sealed class SafetyRuleLoaderTests : IDisposable
{
    private const string ValidRule = """
        rules:
          - id: emergency-test
            level: emergency
            source: "A3 - test"
            match:
              - any: [crushing chest pain]
            response: Call {{emergency.number}} now.
        """;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "painbot-safety-" + Guid.NewGuid().ToString("N"));

    public SafetyRuleLoaderTests()
    {
        Directory.CreateDirectory(_folder);
        var real = SafetyTestPaths.SafetyFolder();
        File.Copy(Path.Combine(real, SafetyRuleLoader.SettingsFile), Path.Combine(_folder, SafetyRuleLoader.SettingsFile));
        File.Copy(Path.Combine(real, SafetyRuleLoader.ResponsesFile), Path.Combine(_folder, SafetyRuleLoader.ResponsesFile));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Load_RealRules_LoadsEveryLevel()
    {
        var rules = SafetyRuleLoader.Load(SafetyTestPaths.SafetyFolder());
        foreach (var level in new[] { SafetyLevel.Emergency, SafetyLevel.Crisis, SafetyLevel.Urgent, SafetyLevel.MedSafety })
        {
            Assert.Contains(rules.Rules, r => r.Level == level);
        }
    }

    [Fact]
    public void Load_ValidRuleFile_Loads()
    {
        Write("test.yaml", ValidRule);
        var rules = SafetyRuleLoader.Load(_folder);
        Assert.Equal("emergency-test", Assert.Single(rules.Rules).Id);
    }

    [Theory]
    [InlineData("level: emergency", "level: critical", "test.yaml:3: rule 'emergency-test': unknown level 'critical' (use emergency")]
    [InlineData("level: emergency", "level: \"unclosed", "test.yaml:3: not valid YAML: ")]
    [InlineData("level: emergency", "level: [emergency]", "test.yaml:3: expected plain text")]
    [InlineData("level: emergency", "level: emergency\n    level: urgent", "test.yaml:4: Encountered duplicate key level")]
    [InlineData("  - id: emergency-test\n    level", "  - level", "test.yaml:2: rule without 'id'")]
    [InlineData("    response: Call {{emergency.number}} now.", "    respons: typo", "test.yaml:7: unknown key 'respons'")]
    [InlineData("    response: Call {{emergency.number}} now.", "", "test.yaml:2: rule 'emergency-test': missing response")]
    [InlineData("{{emergency.number}}", "{{emergency.numbr}}", "test.yaml:7: rule 'emergency-test': unknown placeholder '{{emergency.numbr}}'")]
    [InlineData("{{emergency.number}}", "{{emergency number}}", "test.yaml:7: rule 'emergency-test': unknown placeholder '{{emergency number}}'")]
    [InlineData("response: Call {{emergency.number}} now.", "response_id: no-such-text", "test.yaml:7: rule 'emergency-test': response_id 'no-such-text' is not defined")]
    [InlineData("- any: [crushing chest pain]", "- any: [a*]", "test.yaml:6: rule 'emergency-test': pattern \"a*\": wildcard")]
    [InlineData("- any: [crushing chest pain]", "- any: [... chest]", "test.yaml:6: rule 'emergency-test': pattern \"... chest\" starts with '...'")]
    [InlineData("- any: [crushing chest pain]", "- any: [[crushing, chest]]", "test.yaml:6: expected plain text")]
    [InlineData("- any: [crushing chest pain]", "- any: chest\n        within: 99", "test.yaml:7: rule 'emergency-test': within '99' must be")]
    [InlineData("- any: [crushing chest pain]", "- anything: chest", "test.yaml:6: unknown key 'anything'")]
    [InlineData("rules:", "rulez:", "test.yaml:1: unknown key 'rulez'")]
    [InlineData("level: emergency", "level: emergency\n    always_act: maybe", "test.yaml:4: The value \"maybe\" is not a valid YAML Boolean")]
    public void Load_BrokenRuleFile_NamesFileLineAndProblem(string from, string to, string expected)
    {
        Write("test.yaml", ValidRule.Replace(from, to, StringComparison.Ordinal));
        var ex = Assert.Throws<ContentException>(() => SafetyRuleLoader.Load(_folder));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SeveralProblems_ReportsEveryOne()
    {
        Write("test.yaml", ValidRule.Replace("level: emergency", "level: urgnt", StringComparison.Ordinal).Replace("numbe", "numbr", StringComparison.Ordinal));
        var ex = Assert.Throws<ContentException>(() => SafetyRuleLoader.Load(_folder));
        Assert.Contains("test.yaml:3: rule 'emergency-test': unknown level 'urgnt'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("test.yaml:7: rule 'emergency-test': unknown placeholder", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DuplicateId_ThrowsNamingBothPlaces()
    {
        Write("a.yaml", ValidRule);
        Write("b.yaml", ValidRule);
        var ex = Assert.Throws<ContentException>(() => SafetyRuleLoader.Load(_folder));
        Assert.Contains("b.yaml:2: rule 'emergency-test': duplicate id (first defined in a.yaml:2)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BrokenResponses_NamesFileAndLine()
    {
        var path = Path.Combine(_folder, SafetyRuleLoader.ResponsesFile);
        File.WriteAllText(path, File.ReadAllText(path).Replace("  urgent:\n", "  urgnt:\n", StringComparison.Ordinal));
        Write("test.yaml", ValidRule);
        var ex = Assert.Throws<ContentException>(() => SafetyRuleLoader.Load(_folder));
        Assert.Matches(@"responses\.yaml:\d+: unknown level 'urgnt'", ex.Message);
        Assert.Contains("levels: missing entry for 'urgent'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFolder_Throws() =>
        Assert.Throws<ContentException>(() => SafetyRuleLoader.Load(Path.Combine(_folder, "nope")));

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_folder, name), text);
}
