using PainBot.Core.Content;

namespace PainBot.Core.Tests.Content;

public sealed class DialogPolicyTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "painbot-policy-" + Guid.NewGuid().ToString("N"));

    public DialogPolicyTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private DialogPolicy Load(string yaml)
    {
        File.WriteAllText(Path.Combine(_folder, DialogPolicy.FileName), yaml);
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
