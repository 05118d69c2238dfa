using System.Text.Json;
using PainBot.Cli.Contracts;
using PainBot.Core.Knowledge;
using PainBot.Knowledge;

namespace PainBot.Cli.Commands;

/// <summary>
/// Recall@1, recall@3 and MRR (over the top 10) of each ranking on a labelled retrieval set. A hit is a passage
/// whose topic is one of the line's labelled topics.
/// </summary>
internal sealed class RetrievalEval(KnowledgeService knowledge, TextWriter output)
{
    private static readonly RetrievalMode[] Modes = [RetrievalMode.Lexical, RetrievalMode.Dense, RetrievalMode.Hybrid];

    /// <summary>Figures for one ranking.</summary>
    internal sealed record Figures(RetrievalMode Mode, int Count, double RecallAt1, double RecallAt3, double Mrr);

    public static IReadOnlyList<EvalRetrievalLine> ReadSet(string path)
    {
        var lines = new List<EvalRetrievalLine>();
        foreach (var raw in File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            lines.Add(JsonSerializer.Deserialize(raw, CliJson.Default.EvalRetrievalLine)
                ?? throw new CommandLineException($"{path}: a line is not a JSON object"));
        }

        return lines;
    }

    public IReadOnlyList<Figures> Run(IReadOnlyList<EvalRetrievalLine> set, Func<string, Audience, IReadOnlyList<string>>? throughAsk = null)
    {
        var figures = new List<Figures>();
        var misses = new List<string>();
        foreach (var mode in Modes)
        {
            figures.Add(Measure(set, q => knowledge.Search(new SearchRequest(q.Text, JsonLines.AudienceOf(q.Audience), 10), mode).Hits.Select(h => h.Passage.Topic).ToList(), mode, mode == RetrievalMode.Hybrid ? misses : null));
        }

        output.WriteLine($"Retrieval ({set.Count} questions; a hit is a passage on one of the labelled topics)");
        output.WriteLine($"  {"ranking",-10} {"recall@1",9} {"recall@3",9} {"MRR",7}");
        foreach (var f in figures)
        {
            output.WriteLine($"  {Name(f.Mode),-10} {f.RecallAt1,9:0.000} {f.RecallAt3,9:0.000} {f.Mrr,7:0.000}");
        }

        var askMisses = new List<string>();
        if (throughAsk is not null)
        {
            var ask = Measure(set, q => throughAsk(q.Text, JsonLines.AudienceOf(q.Audience)), RetrievalMode.Hybrid, askMisses);
            output.WriteLine($"  {"via ask",-10} {ask.RecallAt1,9:0.000} {ask.RecallAt3,9:0.000} {ask.Mrr,7:0.000}");
            figures.Add(ask);
        }

        output.WriteLine();
        PrintMisses("Misses of the fused ranking (no labelled topic in the top 3)", misses, always: true);
        PrintMisses("Misses via ask (no labelled topic among the answer's first 3 sources)", askMisses, always: false);
        output.WriteLine();
        return figures;
    }

    private void PrintMisses(string heading, List<string> misses, bool always)
    {
        if (misses.Count == 0 && !always)
        {
            return;
        }

        output.WriteLine($"{heading}: {misses.Count}");
        foreach (var m in misses)
        {
            output.WriteLine("  " + m);
        }
    }

    private static Figures Measure(IReadOnlyList<EvalRetrievalLine> set, Func<EvalRetrievalLine, IReadOnlyList<string>> topicsFor, RetrievalMode mode, List<string>? misses)
    {
        double r1 = 0, r3 = 0, mrr = 0;
        foreach (var q in set)
        {
            var topics = topicsFor(q);
            var rank = topics.Select((t, i) => (t, i)).FirstOrDefault(x => q.Topics.Contains(x.t), (null!, -1)).Item2;
            if (rank == 0)
            {
                r1++;
            }

            if (rank is >= 0 and < 3)
            {
                r3++;
            }
            else
            {
                misses?.Add($"{q.Id}: \"{q.Text}\" wants [{string.Join(", ", q.Topics)}], got [{string.Join(", ", topics.Take(3))}]");
            }

            if (rank >= 0)
            {
                mrr += 1.0 / (rank + 1);
            }
        }

        var n = Math.Max(1, set.Count);
        return new Figures(mode, set.Count, r1 / n, r3 / n, mrr / n);
    }

    private static string Name(RetrievalMode mode) => mode switch
    {
        RetrievalMode.Lexical => "BM25",
        RetrievalMode.Dense => "dense",
        _ => "fused",
    };
}
