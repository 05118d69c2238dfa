using System.Numerics.Tensors;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using PainBot.Core.Safety;
using PainBot.Knowledge.Embeddings;
using PainBot.Knowledge.Search;

namespace PainBot.Knowledge.Screening;

/// <summary>
/// The crisis screen (<see cref="ICrisisScreen"/>) by meaning: each sentence of a message is embedded with the
/// search's sentence encoder and compared with the reviewed examples in <c>knowledge/safety/screen/</c>. A
/// sentence flags the message when it is at least <see cref="CrisisScreenFile.Threshold"/> similar to a crisis
/// example and at least <see cref="CrisisScreenFile.Margin"/> more similar to it than to anything ordinary: the
/// examples that must not escalate and every passage of the clinic's content (an ordinary question is closer to
/// the content that answers it). Deterministic for a given model, file and content; no language model is involved.
/// </summary>
public sealed partial class CrisisScreen : ICrisisScreen
{
    private const int MaxSentences = 8;
    private const int MinWords = 3;
    private const int MinSentenceWords = 5;

    private readonly QuestionEncoder _encoder;
    private readonly HybridSearch _passages;
    private readonly CrisisScreenFile _file;
    private readonly float[][] _crisis;
    private readonly float[][] _notCrisis;
    private readonly ILogger<CrisisScreen> _logger;

    /// <summary>Embeds the examples of <paramref name="file"/> (about a second for a hundred, less when cached).</summary>
    /// <param name="encoder">The search's sentence encoder.</param>
    /// <param name="passages">The passages of the same content generation (ordinary questions are close to them).</param>
    /// <param name="file">The reviewed examples and cut-offs.</param>
    /// <param name="logger">Logs a failing encoder.</param>
    public CrisisScreen(QuestionEncoder encoder, HybridSearch passages, CrisisScreenFile file, ILogger<CrisisScreen> logger)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(passages);
        ArgumentNullException.ThrowIfNull(file);
        _encoder = encoder;
        _passages = passages;
        _file = file;
        _logger = logger;
        _crisis = encoder.EncodeAll(file.Crisis);
        _notCrisis = encoder.EncodeAll(file.NotCrisis);
    }

    /// <inheritdoc/>
    public bool Flags(string text, float[]? messageVector)
    {
        try
        {
            return Score(text, messageVector).Flags;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The rules have already run; a failing encoder must not break the turn.
            LogScreenFailed(_logger, ex.GetType().Name);
            return false;
        }
    }

    /// <summary>The closest crisis and not-crisis similarities over the message's sentences, and the verdict.</summary>
    /// <param name="text">The message.</param>
    /// <param name="messageVector">The whole message's vector when already computed (it is not embedded again).</param>
    public (double Crisis, double NotCrisis, bool Flags) Score(string text, float[]? messageVector = null)
    {
        var best = (Crisis: 0.0, NotCrisis: double.PositiveInfinity, Flags: false);
        var sentences = Sentences(text).ToList();

        // The first is the whole message: the turn has usually computed its vector already. The others are embedded
        // side by side, each alone (the same vectors as one at a time, so the same verdict, sooner).
        var reuse = messageVector is not null && sentences.Count > 0;
        var embedded = _encoder.EncodeAll(reuse ? sentences.GetRange(1, sentences.Count - 1) : sentences);
        for (var i = 0; i < sentences.Count; i++)
        {
            var vector = reuse ? (i == 0 ? messageVector! : embedded[i - 1]) : embedded[i];
            var (crisis, notCrisis, flags) = ScoreVector(vector);
            if (flags && !best.Flags || (flags == best.Flags && crisis - notCrisis > best.Crisis - best.NotCrisis))
            {
                best = (crisis, notCrisis, flags);
            }
        }

        return double.IsPositiveInfinity(best.NotCrisis) ? (0, 0, false) : best;
    }

    /// <summary>One vector's closest crisis and not-crisis similarities, and whether they flag it.</summary>
    internal (double Crisis, double NotCrisis, bool Flags) ScoreVector(float[] vector)
    {
        var crisis = Max(vector, _crisis);
        var notCrisis = Math.Max(Max(vector, _notCrisis), _passages.ClosestPassage(vector));
        return (crisis, notCrisis, crisis >= _file.Threshold && crisis - notCrisis >= _file.Margin);
    }

    /// <summary>
    /// What is compared: the whole message first (the same string the search embeds next, so its vector is
    /// computed once), then, when it has several, each sentence of at least five words, at most eight of them:
    /// a crisis said in one sentence of a long message about something else must not be diluted by the rest.
    /// </summary>
    internal static IEnumerable<string> Sentences(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || Words(text) < MinWords)
        {
            yield break;
        }

        yield return text;
        // Short fragments ("how do i do it", "worth it or not") resemble everything; a crisis said in passing
        // inside a long message takes a full sentence.
        var parts = SentenceEnd().Split(text).Select(p => p.Trim()).Where(p => Words(p) >= MinSentenceWords).Take(MaxSentences).ToList();
        if (parts.Count < 2)
        {
            yield break;
        }

        foreach (var part in parts)
        {
            yield return part;
        }
    }

    private static int Words(string text) => WordPattern().Count(text);

    private static double Max(float[] vector, float[][] examples)
    {
        var max = 0.0;
        foreach (var example in examples)
        {
            max = Math.Max(max, TensorPrimitives.Dot(vector, example));
        }

        return max;
    }

    [GeneratedRegex(@"(?<=[.!?;])\s+|\n+", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"[\p{L}\p{N}']+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Crisis screen failed ({Error}); the rules' verdict stands")]
    private static partial void LogScreenFailed(ILogger logger, string error);
}
