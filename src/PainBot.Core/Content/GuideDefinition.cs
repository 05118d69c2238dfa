namespace PainBot.Core.Content;

/// <summary>One guided dialog as written in <c>dialog.yaml</c>: its steps, the summary's title and cited sections.</summary>
public sealed class GuideDefinition : YamlRecord
{
    public string Title { get; set; } = string.Empty;

    public List<GuideStep> Steps { get; set; } = [];

    public List<GuideSection> Sections { get; set; } = [];

    public List<string> Suggestions { get; set; } = [];
}

/// <summary>One question of a guide; steps with a <see cref="Label"/> are listed in the summary.</summary>
public sealed class GuideStep : YamlRecord
{
    public string Key { get; set; } = string.Empty;

    public string Prompt { get; set; } = string.Empty;

    public string? Reprompt { get; set; }

    public string? Label { get; set; }

    public string? Note { get; set; }

    public string? Skipped { get; set; }

    public List<string> Suggestions { get; set; } = [];
}

/// <summary>A cited section of a guide's summary: the first passage the query finds on the allowed topics.</summary>
public sealed class GuideSection : YamlRecord
{
    public string Heading { get; set; } = string.Empty;

    public string Query { get; set; } = string.Empty;

    public List<string> Topics { get; set; } = [];

    public List<string> ExcludeTopics { get; set; } = [];

    public int Words { get; set; } = 60;

    /// <summary>Whether a passage on <paramref name="topic"/> may fill this section.</summary>
    public bool Allows(string topic) =>
        (Topics.Count == 0 || Topics.Any(t => TopicMatch(t, topic))) && !ExcludeTopics.Any(t => TopicMatch(t, topic));

    /// <summary>An id, or a prefix ending in "-".</summary>
    public static bool TopicMatch(string pattern, string topic) =>
        pattern.EndsWith('-') ? topic.StartsWith(pattern, StringComparison.Ordinal) : string.Equals(pattern, topic, StringComparison.Ordinal);
}
