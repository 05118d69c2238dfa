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

    private DialogPolicy(IReadOnlyList<string> starters, IReadOnlyList<string> clarify, IReadOnlyList<string> disclaimerTopics, IReadOnlyDictionary<string, GuideDefinition> guides, IReadOnlyDictionary<string, FacetDefinition> facets)
    {
        Guides = guides;
        Facets = facets;
        StarterSuggestions = starters;
        ClarifySubjectSuggestions = clarify;
        _disclaimerTopics = disclaimerTopics;
    }

    /// <summary>The guided dialogs by name (<c>pain-plan</c>, <c>provider-questions</c>).</summary>
    public IReadOnlyDictionary<string, GuideDefinition> Guides { get; }

    /// <summary>The question facets by name (<c>timing</c>, <c>cost</c>, <c>comparison</c>, ...).</summary>
    public IReadOnlyDictionary<string, FacetDefinition> Facets { get; }

    /// <summary>The facets <paramref name="question"/> asks about, in the file's order.</summary>
    public IReadOnlyList<string> FacetsOf(string question)
    {
        var tokens = FacetDefinition.Padded(question);
        return [.. Facets.Where(f => FacetDefinition.Mentions(tokens, f.Value.Asks)).Select(f => f.Key)];
    }

    /// <summary>Offered on the welcome, after help, start over, a decline and the like.</summary>
    public IReadOnlyList<string> StarterSuggestions { get; }

    /// <summary>Offered when a follow-up has nothing to refer to.</summary>
    public IReadOnlyList<string> ClarifySubjectSuggestions { get; }

    /// <summary>Whether answers on <paramref name="topic"/> always carry the disclaimer.</summary>
    public bool AlwaysDisclaims(string topic) => _disclaimerTopics.Any(t => GuideSection.TopicMatch(t, topic));

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
        void Topics(IEnumerable<string> patterns, int line, string key)
        {
            foreach (var t in patterns.Where(t => !topics.Any(id => GuideSection.TopicMatch(t, id))))
            {
                errors.Add(FileName, line, key, $"'{t}' matches no topic id in topics.yaml");
            }
        }

        Topics(file.DisclaimerTopics, file.Line, "disclaimer_topics");
        foreach (var name in RequiredGuides.Where(n => !file.Guides.ContainsKey(n)))
        {
            errors.Add(FileName, file.Line, "guides", $"the '{name}' guide is missing");
        }

        foreach (var (name, guide) in file.Guides)
        {
            if (guide.Steps.Count == 0 || guide.Steps.Any(s => string.IsNullOrWhiteSpace(s.Key) || string.IsNullOrWhiteSpace(s.Prompt)))
            {
                errors.Add(FileName, guide.Line, $"guides.{name}.steps", "needs at least one step, each with a key and a prompt");
            }

            var keys = guide.Steps.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var section in guide.Sections)
            {
                Topics(section.Topics.Concat(section.ExcludeTopics), section.Line, $"guides.{name}.sections");
                foreach (var used in System.Text.RegularExpressions.Regex.Matches(section.Query + section.Heading, @"\{(\w+)\}").Select(m => m.Groups[1].Value).Where(k => !keys.Contains(k)))
                {
                    errors.Add(FileName, section.Line, $"guides.{name}.sections", $"{{{used}}} is not a step of this guide");
                }
            }
        }

        foreach (var (name, facet) in file.Facets)
        {
            if (facet.Asks.Count == 0 || facet.AnsweredBy.Count == 0 || facet.Asks.Concat(facet.AnsweredBy).Any(p => string.IsNullOrWhiteSpace(p) || !string.Equals(p, p.Trim().ToLowerInvariant(), StringComparison.Ordinal)))
            {
                errors.Add(FileName, facet.Line, $"facets.{name}", "needs 'asks' and 'answered_by', lists of lower-case words or phrases");
            }

            if (facet.Elsewhere is { } topic && (!topics.Contains(topic) || string.IsNullOrWhiteSpace(facet.Name)))
            {
                errors.Add(FileName, facet.Line, $"facets.{name}.elsewhere", topics.Contains(topic) ? "needs a 'name' for the pointer" : $"'{topic}' is not a topic id in topics.yaml");
            }
        }

        errors.ThrowIfAny();
        return new DialogPolicy(file.StarterSuggestions, file.ClarifySubjectSuggestions, file.DisclaimerTopics, file.Guides, file.Facets);
    }

    /// <summary>The guides the assistant's commands start.</summary>
    public static IReadOnlyList<string> RequiredGuides { get; } = [Dialog.Guides.PainPlan, Dialog.Guides.ProviderQuestions];

    private sealed class FileShape : YamlRecord
    {
        public Dictionary<string, GuideDefinition> Guides { get; set; } = [];

        public Dictionary<string, FacetDefinition> Facets { get; set; } = [];

        public int Version { get; set; }

        public List<string> StarterSuggestions { get; set; } = [];

        public List<string> ClarifySubjectSuggestions { get; set; } = [];

        public List<string> DisclaimerTopics { get; set; } = [];
    }
}
