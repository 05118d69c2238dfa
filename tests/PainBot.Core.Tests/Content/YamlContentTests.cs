using PainBot.Core.Content;

namespace PainBot.Core.Tests.Content;

public sealed class YamlContentTests
{
    private const string File = "f.yaml";

    [Fact]
    public void Read_Record_KnowsItsLine()
    {
        var file = YamlContent.Read<Sample>("# comment\nname: x\nitems: [a]\n", File);
        Assert.Equal(2, file.Line);
        Assert.Equal(["a"], file.Items);
    }

    [Theory]
    [InlineData("name: x\nnmae: y\n", "f.yaml:2: unknown key 'nmae' (allowed: name, items, count)")]
    [InlineData("name: x\nname: y\n", "f.yaml:2: Encountered duplicate key name")]
    [InlineData("name: x\nitems: a\n", "f.yaml:2: expected a list, found a single value")]
    [InlineData("name: [x]\n", "f.yaml:1: expected a single value")]
    [InlineData("name: x\ncount: [1]\n", "f.yaml:2: expected a single value")]
    [InlineData("- a\n", "f.yaml:1: expected a mapping of keys to values")]
    [InlineData("name: a: b\n", "f.yaml:1: not valid YAML")]
    [InlineData("", "f.yaml: the file is empty")]
    public void Read_BrokenFile_ErrorNamesFileLineAndWhatIsWrong(string yaml, string expected)
    {
        var ex = Assert.Throws<ContentException>(() => YamlContent.Read<Sample>(yaml, File));
        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyLines_TopLevelBlockKeys_GiveTheirLines()
    {
        var lines = YamlContent.KeyLines("# comment\na: 1\nb: |\n  c: not a key\nd:\n  - x\n");
        Assert.Equal(new Dictionary<string, int> { ["a"] = 2, ["b"] = 3, ["d"] = 5 }, lines);
    }

    [Fact]
    public void ContentErrors_SeveralProblems_ThrownTogether()
    {
        var errors = new ContentErrors("The samples");
        errors.Add(File, 3, "name", "must not be empty");
        errors.Add(File, 0, null, "no items");
        var ex = Assert.Throws<ContentException>(errors.ThrowIfAny);
        Assert.Equal($"The samples have 2 problem(s):{Environment.NewLine}  f.yaml:3: 'name': must not be empty{Environment.NewLine}  f.yaml: no items", ex.Message);
    }

    private sealed class Sample : YamlRecord
    {
        public string? Name { get; set; }

        public List<string>? Items { get; set; }

        public int? Count { get; set; }
    }
}
