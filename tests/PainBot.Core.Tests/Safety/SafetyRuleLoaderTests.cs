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

    [Fact]
    public void Load_BadYaml_ThrowsWithFileAndLine()
    {
        Write("broken.yaml", "rules:\n  - id: x\n    level: [unclosed\n");
        var ex = Assert.Throws<SafetyRuleException>(() => SafetyRuleLoader.Load(_folder));
        Assert.Equal("broken.yaml", ex.File);
        Assert.True(ex.Line > 0);
        Assert.Contains("not valid YAML", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownLevel_ThrowsNamingRuleAndLevel()
    {
        Write("test.yaml", ValidRule.Replace("level: emergency", "level: critical", StringComparison.Ordinal));
        var ex = Assert.Throws<SafetyRuleException>(() => SafetyRuleLoader.Load(_folder));
        Assert.Equal("emergency-test", ex.RuleId);
        Assert.Equal(3, ex.Line);
        Assert.Contains("unknown level 'critical'", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("test.yaml:3: rule 'emergency-test'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingResponse_Throws()
    {
        Write("test.yaml", ValidRule.Replace("    response: Call {{emergency.number}} now.", string.Empty, StringComparison.Ordinal));
        var ex = Assert.Throws<SafetyRuleException>(() => SafetyRuleLoader.Load(_folder));
        Assert.Equal("emergency-test", ex.RuleId);
        Assert.Contains("missing response", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DuplicateId_ThrowsNamingBothPlaces()
    {
        Write("a.yaml", ValidRule);
        Write("b.yaml", ValidRule);
        var ex = Assert.Throws<SafetyRuleException>(() => SafetyRuleLoader.Load(_folder));
        Assert.Equal("b.yaml", ex.File);
        Assert.Contains("duplicate id", ex.Message, StringComparison.Ordinal);
        Assert.Contains("a.yaml", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("response: Call {{emergency.numbr}} now.", "unknown placeholder")]
    [InlineData("response_id: no-such-text", "response_id 'no-such-text'")]
    [InlineData("- any: [a*]", "wildcard")]
    [InlineData("- any: [... chest]", "starts with '...'")]
    [InlineData("respons: typo", "unknown key 'respons'")]
    public void Load_InvalidRuleContent_ThrowsWithReason(string replacement, string expected)
    {
        var text = replacement.StartsWith("- any", StringComparison.Ordinal)
            ? ValidRule.Replace("- any: [crushing chest pain]", replacement, StringComparison.Ordinal)
            : ValidRule.Replace("response: Call {{emergency.number}} now.", replacement, StringComparison.Ordinal);
        if (replacement.StartsWith("respons:", StringComparison.Ordinal))
        {
            text = ValidRule + "\n    respons: typo\n";
        }

        Write("test.yaml", text);
        var ex = Assert.Throws<SafetyRuleException>(() => SafetyRuleLoader.Load(_folder));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFolder_Throws() =>
        Assert.Throws<SafetyRuleException>(() => SafetyRuleLoader.Load(Path.Combine(_folder, "nope")));

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_folder, name), text);
}
