using System.Numerics.Tensors;
using PainBot.Core.Safety;
using PainBot.Knowledge.Embeddings;

namespace PainBot.Knowledge.Screening;

/// <summary>
/// The learned safety screen: the example bank's messages as sentence vectors, a classifier trained on them,
/// and the decision per level. A message is scored as a whole and, with the person's previous message, as the
/// two together (a crisis can unfold over two messages); the highest probability per level counts.
/// </summary>
public static class LearnedScreen
{
    /// <summary>The vectors of every example's text, and of its previous message joined with it (null without one).</summary>
    public static (float[][] Texts, float[]?[] Combined) Vectors(IReadOnlyList<SafetyExample> examples, ITextEmbedder embedder, string? cacheFolder)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(embedder);
        var byText = Embed(examples.Select(e => e.Text).Concat(examples.Where(e => e.Previous is not null).Select(e => e.Previous!)), embedder, cacheFolder, "safety-examples");
        var own = examples.Select(e => byText[e.Text]).ToArray();
        var combined = examples.Select(e => e.Previous is null ? null : Combine(byText[e.Previous], byText[e.Text])).ToArray();
        return (own, combined);
    }

    /// <summary>
    /// The vector of each distinct text, through the embedding cache's file <paramref name="set"/> (a bank's own
    /// file: the passages' cache keeps only the passages' texts when it saves).
    /// </summary>
    public static Dictionary<string, float[]> Embed(IEnumerable<string> texts, ITextEmbedder embedder, string? cacheFolder, string set)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        var distinct = texts.Distinct(StringComparer.Ordinal).ToList();
        var cache = new EmbeddingCache(cacheFolder, embedder.ModelId, embedder.Dimensions, set);
        var (vectors, _) = cache.GetOrAdd(distinct, missing => [.. missing.Select(t => embedder.Embed([t])[0])]);
        cache.Save(distinct);
        return distinct.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => vectors[x.i], StringComparer.Ordinal);
    }

    /// <summary>The training rows: each example's own vector, plus the two-message vector where there is one.</summary>
    public static (List<float[]> Vectors, List<SafetyLevel> Levels) TrainingRows(IReadOnlyList<SafetyExample> examples, IReadOnlyList<float[]> texts, IReadOnlyList<float[]?> combined)
    {
        var x = new List<float[]>();
        var y = new List<SafetyLevel>();
        for (var i = 0; i < examples.Count; i++)
        {
            x.Add(texts[i]);
            y.Add(examples[i].Level);
            if (combined[i] is { } c)
            {
                x.Add(c);
                y.Add(examples[i].Level);
            }
        }

        return (x, y);
    }

    /// <summary>The highest probability of each class over several views of one message.</summary>
    public static float[] MaxProbabilities(LearnedScreenModel model, IEnumerable<float[]> views)
    {
        ArgumentNullException.ThrowIfNull(model);
        float[]? max = null;
        foreach (var view in views)
        {
            var p = model.Probabilities(view);
            if (max is null)
            {
                max = p;
            }
            else
            {
                TensorPrimitives.Max(max, p, max);
            }
        }

        return max ?? new float[LearnedScreenModel.Classes.Count];
    }

    /// <summary>The highest level whose probability reaches its threshold (None when none does).</summary>
    public static SafetyLevel Decide(float[] probabilities, Func<SafetyLevel, float> threshold)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(threshold);
        for (var c = LearnedScreenModel.Classes.Count - 1; c > 0; c--)
        {
            var level = LearnedScreenModel.Classes[c];
            if (probabilities[c] >= threshold(level))
            {
                return level;
            }
        }

        return SafetyLevel.None;
    }

    /// <summary>Two unit vectors added and brought back to unit length (a message with its previous one, or with a topic's name).</summary>
    public static float[] Combine(float[] previous, float[] current)
    {
        var sum = new float[current.Length];
        TensorPrimitives.Add(previous, current, sum);
        var norm = TensorPrimitives.Norm(sum);
        if (norm > 0)
        {
            TensorPrimitives.Divide(sum, norm, sum);
        }

        return sum;
    }
}
