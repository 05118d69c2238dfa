namespace PainBot.Core.Content;

/// <summary>
/// The conversation policy kept as content (<c>knowledge/dialog.yaml</c>): the starter suggestions, the
/// suggestions of a clarifying question, and the topics whose answers always carry the disclaimer.
/// </summary>
public sealed class DialogPolicy
{
    /// <summary>The file in the knowledge folder.</summary>
    public const string FileName = "dialog.yaml";

    private readonly IReadOnlyList<string> _disclaimerTopics;

    private DialogPolicy(IReadOnlyList<string> starters, IReadOnlyList<string> clarify, IReadOnlyList<string> disclaimerTopics)
    {
        StarterSuggestions = starters;
        ClarifySubjectSuggestions = clarify;
        _disclaimerTopics = disclaimerTopics;
    }

    /// <summary>Offered on the welcome, after help, start over, a decline and the like.</summary>
    public IReadOnlyList<string> StarterSuggestions { get; }

    /// <summary>Offered when a follow-up has nothing to refer to.</summary>
    public IReadOnlyList<string> ClarifySubjectSuggestions { get; }

    /// <summary>Whether answers on <paramref name="topic"/> always carry the disclaimer.</summary>
    public bool AlwaysDisclaims(string topic) =>
        _disclaimerTopics.Any(t => t.EndsWith('-') ? topic.StartsWith(t, StringComparison.Ordinal) : string.Equals(t, topic, StringComparison.Ordinal));

    /// <summary>Reads and checks <c>dialog.yaml</c> against the content's topic ids.</summary>
    /// <exception cref="ContentException">The file is missing or breaks a rule; the message names file, line and key.</exception>
    public static DialogPolicy Load(string knowledgeFolder, IEnumerable<string> topicIds)
    {
        var file = YamlContent.ReadFile<FileShape>(Path.Combine(knowledgeFolder, FileName), FileName);
        var errors = new ContentErrors("The dialog policy");
        var topics = topicIds.ToHashSet(StringComparer.Ordinal);
        if (file.Version != 1)
        {
            errors.Add(FileName, file.Line, "version", "must be 1");
        }

        void NotEmpty(List<string> list, string key)
        {
            if (list.Count == 0 || list.Any(string.IsNullOrWhiteSpace))
            {
                errors.Add(FileName, file.Line, key, "needs at least one entry and no empty ones");
            }
        }

        NotEmpty(file.StarterSuggestions, "starter_suggestions");
        NotEmpty(file.ClarifySubjectSuggestions, "clarify_subject_suggestions");
        NotEmpty(file.DisclaimerTopics, "disclaimer_topics");
        foreach (var t in file.DisclaimerTopics.Where(t => !string.IsNullOrWhiteSpace(t)))
        {
            if (!topics.Any(id => t.EndsWith('-') ? id.StartsWith(t, StringComparison.Ordinal) : id == t))
            {
                errors.Add(FileName, file.Line, "disclaimer_topics", $"'{t}' matches no topic id in topics.yaml");
            }
        }

        errors.ThrowIfAny();
        return new DialogPolicy(file.StarterSuggestions, file.ClarifySubjectSuggestions, file.DisclaimerTopics);
    }

    private sealed class FileShape : YamlRecord
    {
        public int Version { get; set; }

        public List<string> StarterSuggestions { get; set; } = [];

        public List<string> ClarifySubjectSuggestions { get; set; } = [];

        public List<string> DisclaimerTopics { get; set; } = [];
    }
}
