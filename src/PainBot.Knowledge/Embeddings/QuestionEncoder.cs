using System.Collections.Concurrent;
using PainBot.Core.Knowledge;

namespace PainBot.Knowledge.Embeddings;

/// <summary>
/// Messages to sentence vectors for the screen and the search: the encoder behind a small cache of recent
/// texts, plus the cached vectors of the content's topic names for follow-ups. Shared by every generation of
/// the content (the model does not change when the folder does).
/// </summary>
public sealed class QuestionEncoder(ITextEmbedder embedder, int cacheSize) : IQuestionEncoder
{
    private readonly QueryVectorCache _recent = new(cacheSize);
    private readonly ConcurrentDictionary<string, float[]> _topics = new(StringComparer.Ordinal);

    /// <summary>The model behind the vectors.</summary>
    public ITextEmbedder Embedder => embedder;

    /// <inheritdoc/>
    public float[] Encode(string text) => _recent.GetOrAdd(text, t => embedder.Embed([t])[0]);

    /// <summary>
    /// The vectors of several texts, in order, each exactly the vector <see cref="Encode"/> gives it: every text
    /// still runs alone through the encoder (the quantized encoder would give a text in a shared batch a slightly
    /// different vector, a cosine of about 0.99), and the texts missing from the cache run side by side, one per
    /// core, so the sentences of one message cost about their sum divided by the cores instead of their sum.
    /// A text given twice is embedded once.
    /// </summary>
    public float[][] EncodeAll(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var distinct = texts.Distinct(StringComparer.Ordinal).ToArray();
        var vectors = new float[distinct.Length][];
        if (distinct.Length <= 1 || Environment.ProcessorCount == 1)
        {
            for (var i = 0; i < distinct.Length; i++)
            {
                vectors[i] = Encode(distinct[i]);
            }
        }
        else
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
            Parallel.For(0, distinct.Length, parallel, i => vectors[i] = Encode(distinct[i]));
        }

        if (distinct.Length == texts.Count)
        {
            return vectors;
        }

        var byText = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (var i = 0; i < distinct.Length; i++)
        {
            byText[distinct[i]] = vectors[i];
        }

        return [.. texts.Select(t => byText[t])];
    }

    /// <summary>
    /// A follow-up resolved against a topic: the message's vector plus the topic name's vector, back to unit
    /// length. Callers pass only topic names of the content, so what people type never grows the topic cache.
    /// </summary>
    public float[] Combine(float[] message, string topicName)
    {
        var topic = _topics.GetOrAdd(topicName, static (name, e) => e.Embed([name])[0], embedder);
        return Screening.LearnedScreen.Combine(message, topic);
    }
}
