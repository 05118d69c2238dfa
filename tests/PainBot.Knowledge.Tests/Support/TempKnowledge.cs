namespace PainBot.Knowledge.Tests.Support;

/// <summary>A throw-away knowledge folder with a small topic list, for loader and index tests.</summary>
internal sealed class TempKnowledge : IDisposable
{
    public TempKnowledge(bool withDefaults = true)
    {
        Root = Path.Combine(Path.GetTempPath(), "painbot-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, "passages"));
        if (withDefaults)
        {
            Write("topics.yaml", """
                topics:
                  - id: physical-acupuncture
                    label: "Acupuncture"
                  - id: physical-massage
                    label: "Massage"
                  - id: access-insurance
                    label: "Insurance and cost"
                """);
            Write("synonyms.yaml", """
                synonyms:
                  - when: [needles, needle therapy]
                    expand: [acupuncture]
                  - when: [rubdown]
                    expand: [massage]
                """);
        }
    }

    public string Root { get; }

    /// <summary>The two guides a dialog.yaml must define, one step each, no sections.</summary>
    public const string MinimalGuides = "guides:\n  pain-plan:\n    title: Plan\n    steps: [{ key: condition, prompt: Which condition? }]\n  provider-questions:\n    title: Questions\n    steps: [{ key: about, prompt: What is the visit about? }]\n";

    /// <summary>Adds the repository's safety rules, scope rules and reply texts, so the folder is whole content.</summary>
    public TempKnowledge WithRepositoryRules()
    {
        var source = Path.Combine(Services.RepoRoot(), "knowledge");
        foreach (var file in Directory.EnumerateFiles(source, "*.yaml", SearchOption.AllDirectories)
            .Where(f => Path.GetRelativePath(source, f) is var r && (r.StartsWith("safety", StringComparison.Ordinal) || r.StartsWith("scope", StringComparison.Ordinal) || r == "responses.yaml")))
        {
            Write(Path.GetRelativePath(source, file), File.ReadAllText(file));
        }

        // The shipped policy names topics this small folder lacks.
        Write("dialog.yaml", "version: 1\nstarter_suggestions: [What is acupuncture?]\nclarify_subject_suggestions: [Acupuncture, Massage]\ndisclaimer_topics: [physical-]\n" + MinimalGuides);
        return this;
    }

    public string Write(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public string WritePassage(string id, string topic, string title, string body, string audience = "both", string? questions = null) =>
        Write($"passages/{topic}/{id}.md", Passage(id, topic, title, body, audience, questions));

    public static string Passage(string id, string topic, string title, string body, string audience = "both", string? questions = null) => $"""
        ---
        id: {id}
        topic: {topic}
        title: "{title}"
        audience: {audience}
        sources:
          - "NCCIH (2022)"
        reviewed: 2026-11-01
        {(questions is null ? "" : "questions:\n  - " + questions)}
        ---
        {body}

        """;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A watcher may still hold the folder for a moment; the OS cleans temp.
        }
    }
}
