using System.Text.RegularExpressions;
using PainBot.Core.Composition;
using PainBot.Core.Content;
using PainBot.Core.Knowledge;
using PainBot.Knowledge.Loading;
using PainBot.Knowledge.Tests.Support;

namespace PainBot.Knowledge.Tests.Composition;

/// <summary>
/// A property of every reply the composer can build from the shipped content: for each passage and each of its
/// questions (as a patient and as staff, alone and with a second passage on a related topic), the reply holds
/// whole sections only: no bullet without the line that introduces it, no lead-in ending in ":" without its list,
/// no line that is not a whole line of the passage, no heading with nothing under it.
/// </summary>
public sealed partial class AnswerShapeTests
{
    private static readonly KnowledgeBase Shipped = ShippedKnowledge.Base;
    private static readonly DialogPolicy Policy = DialogPolicy.Load(ShippedKnowledge.Folder, Shipped.Topics.Keys);

    public static TheoryData<string> PassageIds() => ShippedKnowledge.PassageIds();

    [Theory]
    [MemberData(nameof(PassageIds))]
    public void EveryReply_IsMadeOfWholeSections(string id)
    {
        var passage = Shipped.Passages.Single(p => p.Id == id);
        var second = Shipped.Passages.FirstOrDefault(p => passage.Related.Contains(p.Topic)) ?? Shipped.Passages.First(p => p.Topic != passage.Topic);
        var problems = new List<string>();
        foreach (var question in passage.Questions.Prepend(passage.Title).Append("compare " + second.Title))
        {
            foreach (var (audience, words) in new[] { (Audience.Patient, 150), (Audience.Staff, 200), (Audience.Patient, 40) })
            {
                foreach (var hits in new[] { new[] { new SearchHit(passage, 1.0) }, [new SearchHit(passage, 1.0), new SearchHit(second, 0.95)] })
                {
                    var request = new ComposeRequest(question, audience, hits, words) { Facets = Policy.FacetsOf(question).ToDictionary(f => f, f => Policy.Facets[f]) };
                    var answer = ExtractiveComposer.Compose(request);
                    problems.AddRange(Problems(answer.Markdown, hits.Select(h => h.Passage).ToList()).Select(p => $"{audience}/{words} \"{question}\": {p}"));
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems.Distinct().Take(10)));
    }

    [Fact]
    public void Problems_FindsAnOrphanBulletADanglingLeadInAndACutSentence()
    {
        var passage = Shipped.Passages.First(p => p.Body.Contains("\n- ", StringComparison.Ordinal) && p.Body.Contains(":\n", StringComparison.Ordinal));
        var lines = passage.Body.Split('\n');
        var bullet = lines.First(l => l.StartsWith("- ", StringComparison.Ordinal));
        var leadIn = lines.First(l => l.TrimEnd().EndsWith(':'));
        var sentence = lines[0];

        Assert.NotEmpty(Problems(bullet + " [1]", [passage]));
        Assert.NotEmpty(Problems(leadIn + " [1]", [passage]));
        Assert.NotEmpty(Problems(sentence[..(sentence.Length / 2)] + " [1]", [passage]));
        Assert.Empty(Problems(sentence + " [1]", [passage]));
    }

    /// <summary>What is wrong with the shape of <paramref name="markdown"/>, built from <paramref name="passages"/>.</summary>
    private static List<string> Problems(string markdown, IReadOnlyList<Passage> passages)
    {
        var problems = new List<string>();
        var passageLines = passages.SelectMany(p => p.Body.Split('\n').Select(l => l.TrimEnd())).ToHashSet(StringComparer.Ordinal);
        var lines = markdown.Split('\n').Select(l => Marker().Replace(l.TrimEnd(), string.Empty)).ToList();
        if (lines.All(string.IsNullOrWhiteSpace))
        {
            problems.Add("empty reply");
        }

        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || (Intro().IsMatch(line) && !passageLines.Contains(line)))
            {
                continue;
            }

            if (!passageLines.Contains(line))
            {
                problems.Add($"not a whole line of the passage: \"{line}\"");
            }

            var next = lines.Skip(i + 1).FirstOrDefault(l => l.Length > 0)?.TrimStart();
            if ((line.EndsWith(':') || Heading().IsMatch(line)) && (next is null || Heading().IsMatch(next) || (line.EndsWith(':') && !Bullet().IsMatch(next))))
            {
                problems.Add($"a lead-in or heading without what it introduces: \"{line}\"");
            }

            if (Bullet().IsMatch(line) && Before(lines, i)?.TrimStart() is var above && (above is null || !(Bullet().IsMatch(above) || above.EndsWith(':') || Heading().IsMatch(above) || Introduces(passages, above, line))))
            {
                problems.Add($"a bullet without its lead-in: \"{line}\"");
            }
        }

        return problems;
    }

    // The nearest non-empty line above line i.
    private static string? Before(List<string> lines, int i) => lines.Take(i).LastOrDefault(l => l.Length > 0);

    // In the passage, the list that holds the bullet starts right under this paragraph line.
    private static bool Introduces(IReadOnlyList<Passage> passages, string above, string bullet) =>
        passages.Any(p => p.Body.Replace("\r", string.Empty, StringComparison.Ordinal).Contains(above + "\n", StringComparison.Ordinal)
            && p.Body.IndexOf(bullet, StringComparison.Ordinal) > p.Body.IndexOf(above, StringComparison.Ordinal));

    [GeneratedRegex(@" \[\d+\]$")]
    private static partial Regex Marker();

    [GeneratedRegex(@"^\*\*[^*]+\*\*:?$|^#{1,6} ")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^([-*+]|\d+[.)])\s+")]
    private static partial Regex Bullet();

    // Lines the composer writes itself: the title of a second passage, the staff explanation label.
    [GeneratedRegex(@"^\*\*(Explaining it to a patient:\*\* |[^*]+\*\*$)")]
    private static partial Regex Intro();
}
