using System.Text;
using System.Text.RegularExpressions;

namespace PainBot.BotFramework.Teams;

/// <summary>
/// Rewrites Markdown into the subset Teams renders in text messages: bold, italic, strikethrough, lists,
/// preformatted text, blockquotes and links stay; headers become bold lines, horizontal rules and table
/// separator rows go, table rows become lines with cells separated by " · ", and image links become links.
/// Fenced code is left as it is.
/// </summary>
public static partial class TeamsMarkdown
{
    /// <summary>The Teams-renderable form of <paramref name="markdown"/>.</summary>
    public static string Convert(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var output = new StringBuilder(markdown.Length);
        var inFence = false;
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
                Append(output, line);
                continue;
            }

            if (inFence)
            {
                Append(output, line);
                continue;
            }

            if (HorizontalRule().IsMatch(line) || TableSeparator().IsMatch(line))
            {
                continue;
            }

            var header = Header().Match(line);
            if (header.Success)
            {
                line = $"**{header.Groups[1].Value.Trim().Trim('*')}**";
            }
            else if (trimmed.StartsWith('|') && trimmed.TrimEnd().EndsWith('|') && trimmed.Length > 1)
            {
                var cells = trimmed.Trim().Trim('|').Split('|').Select(c => c.Trim()).Where(c => c.Length > 0);
                line = string.Join(" · ", cells);
            }

            line = ImageLink().Replace(line, m => m.Groups[1].Value.Length > 0 ? $"[{m.Groups[1].Value}]({m.Groups[2].Value})" : m.Groups[2].Value);
            Append(output, line);
        }

        return output.ToString().TrimEnd('\n');
    }

    private static void Append(StringBuilder output, string line) => output.Append(line).Append('\n');

    [GeneratedRegex(@"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Header();

    [GeneratedRegex(@"^\s{0,3}([-*_])(\s*\1){2,}\s*$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex HorizontalRule();

    [GeneratedRegex(@"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex TableSeparator();

    [GeneratedRegex(@"!\[([^\]]*)\]\(([^)\s]+)(?:\s+""[^""]*"")?\)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ImageLink();
}
