using System.Text.Json;
using PainBot.Core.Knowledge;
using PainBot.Knowledge;

namespace PainBot.Cli.Commands;

/// <summary>
/// Fits the confidence model by logistic regression: positives are answerable questions whose best hit is on a
/// labelled topic, negatives are those whose best hit is not, and questions outside pain care.
/// </summary>
internal static class ConfidenceFit
{
    public static ConfidenceModel Fit(KnowledgeService knowledge, string retrievalPath, IEnumerable<string> negativeSets, TextWriter output)
    {
        var samples = new List<(double Cos, double Cov, int Label)>();
        foreach (var line in File.ReadLines(retrievalPath).Where(l => l.Length > 0))
        {
            using var doc = JsonDocument.Parse(line);
            var topics = doc.RootElement.GetProperty("topics").EnumerateArray().Select(e => e.GetString()).ToHashSet();
            var (result, cos, cov) = knowledge.SearchWithEvidence(new SearchRequest(doc.RootElement.GetProperty("text").GetString()!, Audience.Staff, 1));
            samples.Add((cos, cov, result.Hits.Count > 0 && topics.Contains(result.Hits[0].Passage.Topic) ? 1 : 0));
        }

        foreach (var path in negativeSets.Where(File.Exists))
        {
            foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
            {
                using var doc = JsonDocument.Parse(line);
                if (!doc.RootElement.TryGetProperty("expect", out var expect) || expect.GetString() == "decline")
                {
                    var (_, cos, cov) = knowledge.SearchWithEvidence(new SearchRequest(doc.RootElement.GetProperty("text").GetString()!, Audience.Staff, 1));
                    samples.Add((cos, cov, 0));
                }
            }
        }

        // Plain gradient descent with a little L2: three parameters, a few hundred samples. The classes are
        // weighted equally, so the scarcer one is not drowned out.
        var positives = samples.Count(s => s.Label == 1);
        var wPos = samples.Count / (2.0 * Math.Max(1, positives));
        var wNeg = samples.Count / (2.0 * Math.Max(1, samples.Count - positives));
        double b0 = 0, b1 = 0, b2 = 0;
        for (var epoch = 0; epoch < 20_000; epoch++)
        {
            double g0 = 0, g1 = 0, g2 = 0;
            foreach (var (cos, cov, y) in samples)
            {
                var p = 1 / (1 + Math.Exp(-(b0 + (b1 * cos) + (b2 * cov))));
                var e = (p - y) * (y == 1 ? wPos : wNeg);
                g0 += e;
                g1 += e * cos;
                g2 += e * cov;
            }

            var n = samples.Count;
            b0 -= 0.5 * g0 / n;
            b1 -= 0.5 * ((g1 / n) + (0.001 * b1));
            b2 -= 0.5 * ((g2 / n) + (0.001 * b2));
        }

        output.WriteLine($"Confidence fit on {samples.Count} samples ({samples.Count(s => s.Label == 1)} positive): intercept {b0:0.00}, cosine {b1:0.00}, coverage {b2:0.00}");
        return new ConfidenceModel(b0, b1, b2);
    }
}
