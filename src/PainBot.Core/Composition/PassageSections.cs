using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using PainBot.Core.Text;

namespace PainBot.Core.Composition;

/// <summary>
/// One section of a passage as the clinic reviewed it: a heading or lead-in with everything under it (its
/// paragraph and all of its bullets), kept as written. A reply is made of whole sections only.
/// </summary>
/// <param name="Heading">The bold or <c>#</c> heading without its markers, or the lead-in sentence of a paragraph that starts a list; null otherwise.</param>
/// <param name="Markdown">The section's lines as written, with its blank lines.</param>
/// <param name="IsLead">Whether this is the passage's opening paragraph (its direct answer).</param>
public sealed record PassageSection(string? Heading, string Markdown, bool IsLead)
{
    /// <summary>Words in the section.</summary>
    public int WordCount { get; } = Words.Count(Markdown);

    /// <summary>The section's content stems.</summary>
    public HashSet<string> Stems { get; } = Words.ContentStems(Markdown);

    /// <summary>The stems of the heading (or of the first sentence when there is none): what the section is about.</summary>
    public HashSet<string> CueStems { get; } = Words.ContentStems(Heading ?? FirstSentence(Markdown));

    /// <summary>The heading (or first sentence) folded to lower case, for facet cues.</summary>
    public string Cue { get; } = " " + string.Join(' ', Words.Tokens(Heading ?? FirstSentence(Markdown))) + " ";

    private static string FirstSentence(string text)
    {
        var end = text.IndexOfAny(['.', '!', '?', ':', '\n']);
        return end < 0 ? text : text[..end];
    }
}

/// <summary>Splits a passage body into its <see cref="PassageSection"/>s.</summary>
public static partial class PassageSections
{
    private static readonly ConditionalWeakTable<string, IReadOnlyList<PassageSection>> Cache = [];

    /// <summary>
    /// The sections of <paramref name="body"/>, worked out once per body text (passages are immutable; a
    /// reloaded passage is a new string). A heading line starts a section; bullets (and their indented
    /// continuation lines) belong to the section above them; a new paragraph starts a section unless it is the
    /// first text under a heading. The first section is the lead when it has no heading.
    /// </summary>
    public static IReadOnlyList<PassageSection> Of(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Cache.GetValue(body, Parse);
    }

    private static List<PassageSection> Parse(string body)
    {
        var groups = new List<(string? Heading, List<string> Lines)>();
        (string? Heading, List<string> Lines)? current = null;
        var blank = true;
        var headingOnly = false;
        foreach (var raw in body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.TrimEnd();
            var text = line.Trim();
            if (text.Length == 0)
            {
                blank = true;
                continue;
            }

            var heading = Heading().Match(text);
            var isBullet = Bullet().IsMatch(text) || (current is not null && raw.StartsWith("  ", StringComparison.Ordinal) && !blank);
            if (heading.Success)
            {
                current = (heading.Groups["h"].Value.Trim().TrimEnd(':'), [line]);
                groups.Add(current.Value);
                headingOnly = true;
            }
            else if (isBullet && current is not null)
            {
                Add(current.Value.Lines, line, blank && !headingOnly);
                headingOnly = false;
            }
            else if (current is not null && (!blank || headingOnly))
            {
                // The paragraph goes on, or it is the first text under a heading.
                Add(current.Value.Lines, line, false);
                headingOnly = false;
            }
            else
            {
                // A paragraph that introduces a list is the list's heading.
                var leadIn = text.EndsWith(':') ? text.TrimEnd(':') : null;
                current = (leadIn, [line]);
                groups.Add(current.Value);
                headingOnly = false;
            }

            blank = false;
        }

        return [.. groups.Select((g, i) => new PassageSection(g.Heading, string.Join('\n', g.Lines), i == 0 && !Heading().IsMatch(g.Lines[0].Trim())))];
    }

    private static void Add(List<string> lines, string line, bool afterBlank)
    {
        if (afterBlank)
        {
            lines.Add(string.Empty);
        }

        lines.Add(line);
    }

    [GeneratedRegex(@"^(?:#{1,6}\s+(?<h>.+)|\*\*(?<h>[^*]+)\*\*:?)$", RegexOptions.CultureInvariant)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^([-*+]|\d+[.)])\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Bullet();
}
