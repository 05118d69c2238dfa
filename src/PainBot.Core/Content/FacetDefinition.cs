using PainBot.Core.Text;

namespace PainBot.Core.Content;

/// <summary>
/// One question facet as written in <c>dialog.yaml</c>: the words by which a question asks for it, the words by
/// which a passage section's heading answers it, and the topic that covers it when the answering passage does not.
/// </summary>
public sealed class FacetDefinition : YamlRecord
{
    /// <summary>Phrases (lower-case words) that mark a question as asking for this facet.</summary>
    public List<string> Asks { get; set; } = [];

    /// <summary>Phrases that mark a section heading (or lead-in) as answering this facet.</summary>
    public List<string> AnsweredBy { get; set; } = [];

    /// <summary>A topic id covering the facet in general (cost: insurance), offered when the answer has no section for it.</summary>
    public string? Elsewhere { get; set; }

    /// <summary>How the facet is named in the pointer to <see cref="Elsewhere"/> ("costs and coverage").</summary>
    public string? Name { get; set; }

    /// <summary>Whether <paramref name="tokens"/> (a text's words, lower case, space-padded) contains one of <paramref name="phrases"/>.</summary>
    public static bool Mentions(string tokens, IEnumerable<string> phrases) =>
        phrases.Any(p => tokens.Contains(" " + p + " ", StringComparison.Ordinal) || (p.EndsWith('*') && tokens.Contains(" " + p[..^1], StringComparison.Ordinal)));

    /// <summary>A text's words, lower case, joined by single spaces and padded with one space each side.</summary>
    public static string Padded(string text) => " " + string.Join(' ', Words.Tokens(text)) + " ";
}
