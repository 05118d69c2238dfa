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
    /// A follow-up resolved against a topic: the message's vector plus the topic name's vector, back to unit
    /// length. Callers pass only topic names of the content, so what people type never grows the topic cache.
    /// </summary>
    public float[] Combine(float[] message, string topicName)
    {
        var topic = _topics.GetOrAdd(topicName, static (name, e) => e.Embed([name])[0], embedder);
        return Screening.LearnedScreen.Combine(message, topic);
    }
}
