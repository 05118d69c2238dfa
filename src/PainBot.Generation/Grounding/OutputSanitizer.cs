using System.Text;
using System.Text.RegularExpressions;

namespace PainBot.Generation.Grounding;

/// <summary>
/// Removes from a model's output what only code may write: a source list, disclaimers, emergency and crisis
/// texts, headings. The code appends the real ones after verification, so an imitation would duplicate or
/// contradict them.
/// </summary>
public static partial class OutputSanitizer
{
    /// <summary>The output without imitations, and how many pieces were removed.</summary>
    public static (string Text, int Removed) Clean(string output)
    {
        var removed = 0;
        var kept = new List<string>();
        var inSourceList = false;
        foreach (var raw in output.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.TrimEnd();
            if (SourcesHeading().IsMatch(line))
            {
                inSourceList = true;
                removed++;
                continue;
            }

            if (inSourceList)
            {
                if (line.Trim().Length == 0 || ListItem().IsMatch(line))
                {
                    removed += line.Trim().Length == 0 ? 0 : 1;
                    continue;
                }

                inSourceList = false;
            }

            if (Heading().IsMatch(line))
            {
                removed++;
                continue;
            }

            var sentences = SentenceBreak().Split(line);
            var sb = new StringBuilder();
            foreach (var sentence in sentences)
            {
                if (Imitation().IsMatch(sentence))
                {
                    removed++;
                    continue;
                }

                if (sb.Length > 0)
                {
                    sb.Append(' ');
                }

                sb.Append(sentence);
            }

            var cleaned = sb.ToString();
            if (cleaned.Trim().Trim('_', '*').Trim().Length == 0 || BulletOnly().IsMatch(cleaned))
            {
                if (line.Trim().Length == 0)
                {
                    kept.Add(string.Empty);
                }

                continue;
            }

            kept.Add(cleaned);
        }

        return (string.Join('\n', kept).Trim(), removed);
    }

    [GeneratedRegex(@"^\s*(\*\*|__|#+\s*)?\s*(sources|references|citations)\s*:?\s*(\*\*|__)?\s*:?\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SourcesHeading();

    [GeneratedRegex(@"^\s*(\d+[.)]|[-*+]|\[\d+\])\s+", RegexOptions.CultureInvariant)]
    private static partial Regex ListItem();

    [GeneratedRegex(@"^\s*#{1,6}\s", RegexOptions.CultureInvariant)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s*([-*+]|\d+[.)])\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex BulletOnly();

    [GeneratedRegex(@"(?<=[.!?](?:\s*\[[\d,\s]+\])*)\s+(?=[A-Z*_""(])", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceBreak();

    // Disclaimers, emergency and crisis lines: the clinic's own texts are added by code.
    [GeneratedRegex(
        @"not\s+(intended\s+as\s+|a\s+substitute\s+for\s+|meant\s+as\s+)?(professional\s+)?medical\s+advice|\bdisclaimer\b|this\s+is\s+(only\s+)?general\s+(health\s+)?information|\b(call|dial|text)\s+(9-?1-?1|9-?8-?8|999|112|emergency\s+services)\b|\b988\b|suicide\s+(and\s+crisis\s+)?(life)?line|crisis\s+(text\s+)?line|go\s+to\s+(the\s+)?(nearest\s+)?(emergency\s+room|ER)\b",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Imitation();
}
