using PainBot.Core.Content;
using PainBot.Knowledge.Screening;
using PainBot.Knowledge.Tests.Support;

namespace PainBot.Knowledge.Tests.Screening;

public class CrisisScreenFileTests
{
    private const string Valid = """
        version: 1
        threshold: 0.4
        margin: 0.1
        crisis:
          - I do not want to be here anymore
        not_crisis:
          - I am fed up with my back
        """;

    [Fact]
    public void Parse_Valid_ReadsEverything()
    {
        var file = CrisisScreenFile.Parse(Valid, "crisis-screen.yaml");
        Assert.Equal(0.4, file.Threshold);
        Assert.Equal(0.1, file.Margin);
        Assert.Equal(["I do not want to be here anymore"], file.Crisis);
        Assert.Equal(["I am fed up with my back"], file.NotCrisis);
    }

    [Theory]
    [InlineData("threshold: 0.4", "threshold: 1.5", "crisis-screen.yaml:2: 'threshold' must be a number between 0 and 1")]
    [InlineData("margin: 0.1", "margin: lots", "crisis-screen.yaml:3: 'margin' must be a number between 0 and 1")]
    [InlineData("version: 1", "version: 2", "crisis-screen.yaml:1: version must be 1")]
    [InlineData("not_crisis:", "not_crisis_typo:", "crisis-screen.yaml:6: unknown key 'not_crisis_typo'")]
    [InlineData("  - I am fed up with my back", "  - 42", "crisis-screen.yaml:7: every entry of 'not_crisis' must be a sentence in words")]
    [InlineData("crisis:\n  - I do not want to be here anymore\n", "crisis: []\n", "'crisis' must be a non-empty list")]
    [InlineData("margin: 0.1", "margin: [0.1", "crisis-screen.yaml:3: ")]
    [InlineData("margin: 0.1", "margin: \"0.1", "crisis-screen.yaml:3: not valid YAML")]
    [InlineData("margin: 0.1", "margin: 0.1\nmargin: 0.2", "crisis-screen.yaml:4: ")]
    [InlineData("version: 1\n", "", "crisis-screen.yaml:1: version must be 1")]
    public void Parse_Broken_NamesFileLineAndProblem(string from, string to, string expected)
    {
        var ex = Assert.Throws<ContentException>(() => CrisisScreenFile.Parse(Valid.Replace(from, to, StringComparison.Ordinal), "crisis-screen.yaml"));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoFile_IsNull() => Assert.Null(CrisisScreenFile.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"))));

    [Fact]
    public void Load_Shipped_HasBothLists()
    {
        var file = CrisisScreenFile.Load(Path.Combine(Services.RepoRoot(), "knowledge"));
        Assert.NotNull(file);
        Assert.True(file.Crisis.Count >= 20 && file.NotCrisis.Count >= 20);
    }
}
