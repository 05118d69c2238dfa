using System.Text;
using PainBot.Core.Knowledge;
using PainBot.Knowledge.Embeddings;
using PainBot.Knowledge.Loading;

namespace PainBot.Benchmarks;

/// <summary>
/// A large knowledge folder made from the shipped passages: each generated passage takes the topic of a shipped
/// one and a shuffled mix of sentences from two shipped passages, so text statistics stay realistic.
/// </summary>
internal static class GeneratedKnowledge
{
    public static string Create(int count, int seed = 7)
    {
        var root = Path.Combine(Path.GetTempPath(), $"painbot-bench-{count}");
        if (Directory.Exists(Path.Combine(root, "passages")) && Directory.GetFiles(Path.Combine(root, "passages"), "*.md", SearchOption.AllDirectories).Length == count)
        {
            return root;
        }

        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        var source = Path.Combine(BenchSupport.RepoRoot(), "knowledge");
        var kb = new KnowledgeLoader(new ClinicOptions().Placeholders()).Load(source);
        Directory.CreateDirectory(Path.Combine(root, "passages"));
        File.Copy(Path.Combine(source, "topics.yaml"), Path.Combine(root, "topics.yaml"));
        File.Copy(Path.Combine(source, "synonyms.yaml"), Path.Combine(root, "synonyms.yaml"));
        var random = new Random(seed);
        var sentences = kb.Passages.Select(p => p.Body.Split(". ", StringSplitOptions.RemoveEmptyEntries)).ToArray();
        for (var i = 0; i < count; i++)
        {
            var a = random.Next(kb.Passages.Count);
            var b = random.Next(kb.Passages.Count);
            var mix = sentences[a].Concat(sentences[b]).OrderBy(_ => random.Next()).Take(8);
            var p = kb.Passages[a];
            var text = new StringBuilder()
                .Append("---\n")
                .Append("id: gen-").Append(i).Append('\n')
                .Append("topic: ").Append(p.Topic).Append('\n')
                .Append("title: \"").Append(p.Title.Replace("\"", "'", StringComparison.Ordinal)).Append(" (").Append(i).Append(")\"\n")
                .Append("audience: ").Append(p.Audience.ToWire()).Append('\n')
                .Append("sources:\n  - \"generated for benchmarking\"\n")
                .Append("reviewed: 2026-11-27\n")
                .Append("---\n")
                .Append(string.Join(". ", mix)).Append('\n');
            File.WriteAllText(Path.Combine(root, "passages", $"gen-{i}.md"), text.ToString());
        }

        return root;
    }
}

/// <summary>
/// For the generated folder only: vectors for passage texts are a fixed pseudo-random unit vector per text
/// (search cost does not depend on vector values), while queries go through the real MiniLM model. Computing
/// real vectors for 20,000 passages takes many minutes here; the real model's throughput is reported separately.
/// </summary>
internal sealed class SyntheticPassageEmbedder(ITextEmbedder real, ISet<string> queries) : ITextEmbedder
{
    public string ModelId => "synthetic-bench";

    public int Dimensions => real.Dimensions;

    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
        texts.Count == 1 && queries.Contains(texts[0]) ? real.Embed(texts, cancellationToken) : [.. texts.Select(Random)];

    private float[] Random(string text)
    {
        var r = new Random(StringComparer.Ordinal.GetHashCode(text));
        var v = new float[Dimensions];
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = (float)(r.NextDouble() - 0.5);
        }

        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return [.. v.Select(x => x / norm)];
    }
}
