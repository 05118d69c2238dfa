using PainBot.Core.Content;

namespace PainBot.Core.Tests.Content;

public sealed class DialogPolicyTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "painbot-policy-" + Guid.NewGuid().ToString("N"));

    public DialogPolicyTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private const string Guides = "guides:\n  pain-plan:\n    title: Plan\n    steps: [{ key: condition, prompt: Which condition? }]\n"
        + "    sections: [{ heading: Options, query: \"therapies for {condition}\", topics: [physical-], words: 50 }]\n"
        + "  provider-questions:\n    title: Questions\n    steps: [{ key: about, prompt: What is the visit about? }]\n";

    private DialogPolicy Load(string yaml, bool withGuides = true)
    {
        File.WriteAllText(Path.Combine(_folder, DialogPolicy.FileName), yaml + (withGuides ? Guides : string.Empty));
        return DialogPolicy.Load(_folder, ["physical-acupuncture", "physical-massage", "faq-general", "overview"]);
    }

    [Fact]
    public void Valid_PrefixesAndIds_DecideTheDisclaimer()
    {
        var policy = Load("version: 1\nstarter_suggestions: [a, b]\nclarify_subject_suggestions: [c]\ndisclaimer_topics: [physical-, faq-general]\n");

        Assert.Equal(["a", "b"], policy.StarterSuggestions);
        Assert.True(policy.AlwaysDisclaims("physical-massage"));
        Assert.True(policy.AlwaysDisclaims("faq-general"));
        Assert.False(policy.AlwaysDisclaims("overview"));
        Assert.Equal("Which condition?", policy.Guides["pain-plan"].Steps[0].Prompt);
        Assert.True(policy.Guides["pain-plan"].Sections[0].Allows("physical-massage"));
        Assert.False(policy.Guides["pain-plan"].Sections[0].Allows("overview"));
    }

    [Theory]
    [InlineData("guides:\n  pain-plan:\n    title: P\n    steps: [{ key: condition, prompt: Which? }]\n    sections: [{ heading: H, query: \"for {goal}\" }]\n  provider-questions:\n    title: Q\n    steps: [{ key: about, prompt: What? }]\n", "{goal} is not a step")]
    [InlineData("guides:\n  pain-plan:\n    title: P\n    steps: [{ key: condition, prompt: Which? }]\n", "'provider-questions' guide is missing")]
    [InlineData("guides:\n  pain-plan:\n    title: P\n    steps: []\n  provider-questions:\n    title: Q\n    steps: [{ key: about, prompt: What? }]\n", "needs at least one step")]
    public void BrokenGuide_IsRejected(string guides, string expected)
    {
        var error = Assert.Throws<ContentException>(() => Load("version: 1\nstarter_suggestions: [a]\nclarify_subject_suggestions: [c]\ndisclaimer_topics: [overview]\n" + guides, withGuides: false));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("version: 1\nstarter_suggestions: [a]\nclarify_subject_suggestions: [c]\ndisclaimer_topics: [nutrition-]\n", "'nutrition-' matches no topic id")]
    [InlineData("version: 1\nstarter_suggestions: []\nclarify_subject_suggestions: [c]\ndisclaimer_topics: [overview]\n", "starter_suggestions")]
    [InlineData("version: 1\nstarter_suggestion: [a]\n", "dialog.yaml:2")]
    public void Broken_IsRejected_NamingTheFileAndWhat(string yaml, string expected)
    {
        var error = Assert.Throws<ContentException>(() => Load(yaml));
        Assert.Contains("dialog.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
