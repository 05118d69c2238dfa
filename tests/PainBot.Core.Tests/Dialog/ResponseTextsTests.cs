using PainBot.Core.Content;
using PainBot.Core.Dialog;
using PainBot.Core.Knowledge;
using PainBot.Core.Tests.Scope;

namespace PainBot.Core.Tests.Dialog;

public sealed class ResponseTextsTests
{
    private const string File = "test-responses.yaml";

    private static Dictionary<string, string> Values() => new(new ClinicOptions { Name = "Oak Clinic", Phone = "555-0100", Hours = "Mon-Fri 8-5" }.Placeholders())
    {
        ["emergency.number"] = "911",
        ["crisis.line"] = "988",
        ["options"] = "acupuncture or massage",
        ["facet"] = "costs",
        ["topic"] = "Insurance",
    };

    private static string ValidYaml(string? replaceKey = null, string? replacement = null)
    {
        var lines = ResponseKeys.Required.Select(k => k switch
        {
            ResponseKeys.RedirectClinician => $"{k}: Call {{{{clinic.phone}}}}.",
            ResponseKeys.Handoff => $"{k}: Call {{{{clinic.phone}}}} during {{{{clinic.hours}}}}.",
            ResponseKeys.Welcome => $"{k}: Hi. In an emergency call {{{{emergency.number}}}}.",
            ResponseKeys.Clarify => $"{k}: Did you mean {{{{options}}}}?",
            ResponseKeys.SafeNow => $"{k}: Glad you are safe. Call {{{{crisis.line}}}} any time.",
            ResponseKeys.FacetElsewhere => $"{k}: For {{{{facet}}}} ask about {{{{topic}}}}.",
            _ => $"{k}: Text for {k} at {{{{clinic.name}}}}.",
        });
        if (replaceKey is not null)
        {
            lines = lines.Select(l => l.StartsWith(replaceKey + ":", StringComparison.Ordinal) ? replacement ?? string.Empty : l);
        }

        return string.Join('\n', lines) + "\n";
    }

    [Fact]
    public void Load_RepositoryFile_HasEveryRequiredKeyAndRenders()
    {
        var texts = ResponseTexts.Load(ScopeTestPaths.KnowledgeFolder);
        foreach (var key in ResponseKeys.Required)
        {
            var rendered = texts.Render(key, Values());
            Assert.DoesNotContain("{{", rendered, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(rendered));
        }

        Assert.Contains("555-0100", texts.Render(ResponseKeys.RedirectClinician, Values()), StringComparison.Ordinal);
        Assert.Contains("Mon-Fri 8-5", texts.Render(ResponseKeys.Handoff, Values()), StringComparison.Ordinal);
        Assert.Contains("911", texts.Render(ResponseKeys.Welcome, Values()), StringComparison.Ordinal);
        Assert.Contains("acupuncture or massage", texts.Render(ResponseKeys.Clarify, Values()), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RepositoryDisclaimer_IsOneSentence()
    {
        var disclaimer = ResponseTexts.Load(ScopeTestPaths.KnowledgeFolder).Render(ResponseKeys.Disclaimer, Values());
        Assert.Equal(1, disclaimer.Count(c => c is '.' or '!' or '?'));
        Assert.EndsWith(".", disclaimer, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ValidFile_RendersPlaceholders()
    {
        var texts = ResponseTexts.Parse(ValidYaml(), File);
        Assert.Equal("Call 555-0100 during Mon-Fri 8-5.", texts.Render(ResponseKeys.Handoff, Values()));
        Assert.False(texts.Contains(ResponseKeys.StaffPrefix));
    }

    [Fact]
    public void Load_MissingFile_ErrorNamesFile()
    {
        var ex = Assert.Throws<ContentException>(() => ResponseTexts.Load(Path.Combine(Path.GetTempPath(), "no-such-knowledge")));
        Assert.Contains(ResponseTexts.FileName, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingKey_ErrorNamesFileAndKey()
    {
        var ex = Assert.Throws<ContentException>(() => ResponseTexts.Parse(ValidYaml(ResponseKeys.ForgetMe, string.Empty), File));
        Assert.Contains($"{File}: 'forget_me': required key is missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownPlaceholder_ErrorAtLoad()
    {
        var ex = Assert.Throws<ContentException>(() => ResponseTexts.Parse(ValidYaml(ResponseKeys.Help, "help: Call {{clinic.fax}}."), File));
        Assert.Contains($"{File}:7: 'help': unknown placeholder {{{{clinic.fax}}}}", ex.Message, StringComparison.Ordinal);
        Assert.Contains(File, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownKey_Error()
    {
        var ex = Assert.Throws<ContentException>(() => ResponseTexts.Parse(ValidYaml() + "welcom: typo\n", File));
        Assert.Contains($"{File}:{ResponseKeys.Required.Count + 1}: 'welcom': unknown key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RedirectWithoutPhone_Error()
    {
        var ex = Assert.Throws<ContentException>(() => ResponseTexts.Parse(ValidYaml(ResponseKeys.RedirectClinician, "redirect_clinician: Ask someone."), File));
        Assert.Contains("'redirect_clinician': must contain the placeholder {{clinic.phone}}", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("help: Call {{clinic.phone}")]
    [InlineData("help: Call clinic.phone}}")]
    public void Parse_MalformedPlaceholder_Error(string line)
    {
        var ex = Assert.Throws<ContentException>(() => ResponseTexts.Parse(ValidYaml(ResponseKeys.Help, line), File));
        Assert.Contains("well-formed placeholder", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyText_Error()
    {
        var ex = Assert.Throws<ContentException>(() => ResponseTexts.Parse(ValidYaml(ResponseKeys.Help, "help: \"\""), File));
        Assert.Contains($"{File}:7: 'help': must be a non-empty text", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadYaml_ErrorNamesFileAndLine()
    {
        var ex = Assert.Throws<ContentException>(() => ResponseTexts.Parse("welcome: hi\nhelp: a: b\n", File));
        Assert.Contains($"{File}:2: not valid YAML", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("help: [a list, not a text]", ":7: expected a single value")]
    [InlineData("help: first\nhelp: second", ":1: Encountered duplicate key help")]
    public void Parse_BadValue_ErrorNamesFileAndLine(string line, string expected)
    {
        var ex = Assert.Throws<ContentException>(() => ResponseTexts.Parse(ValidYaml(ResponseKeys.Help, line), File));
        Assert.Contains(File + expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MissingValue_ThrowsNamingPlaceholder()
    {
        var texts = ResponseTexts.Parse(ValidYaml(), File);
        var ex = Assert.Throws<ArgumentException>(() => texts.Render(ResponseKeys.Clarify, new Dictionary<string, string>()));
        Assert.Contains("{{options}}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UnknownKey_Throws()
    {
        var texts = ResponseTexts.Parse(ValidYaml(), File);
        Assert.Throws<KeyNotFoundException>(() => texts.Render("nope", Values()));
    }
}
