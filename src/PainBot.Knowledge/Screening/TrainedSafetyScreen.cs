using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.ML;
using Microsoft.ML.Data;
using PainBot.Core.Safety;
using PainBot.Core.Text;
using PainBot.Knowledge.Embeddings;

namespace PainBot.Knowledge.Screening;

/// <summary>
/// The learned safety screen in service: word bigrams and character 4-grams of the message (ML.NET
/// FeaturizeText) beside its MiniLM sentence vector, into a maximum-entropy classifier (SDCA) trained on the
/// example bank and the passages' own questions as ordinary messages. Trained when the content is built and
/// cached on disk by a hash of everything it was trained on, so a restart or a reload that does not touch the
/// bank loads it in a moment. The message is read alone and, when there is one, with the person's previous
/// message (its vector); the highest probability per level counts.
/// </summary>
public sealed partial class TrainedSafetyScreen : ISafetyScreen
{
    // Bump when the features or the trainer change: the cached models are then retrained.
    private const string Recipe = "words2-chars4-minilm-sdca-v1";

    private readonly ITransformer _model;
    private readonly MLContext _ml;
    private readonly LearnedScreenSettings _settings;
    private readonly ILogger _logger;
    private readonly ConcurrentBag<PredictionEngine<Row, Scored>> _engines = [];


    private TrainedSafetyScreen(MLContext ml, ITransformer model, LearnedScreenSettings settings, ILogger logger)
    {
        _ml = ml;
        _model = model;
        _settings = settings;
        _logger = logger;
    }

    /// <summary>Loads the cached model for this bank, or trains and caches it (about a minute on two cores).</summary>
    /// <param name="examples">The example bank.</param>
    /// <param name="ordinary">Ordinary questions (the passages' alternative questions).</param>
    /// <param name="encoder">The turn's sentence encoder.</param>
    /// <param name="cacheFolder">Where vectors and models are cached; null or empty: nothing cached.</param>
    /// <param name="settings">Thresholds and check-in texts.</param>
    /// <param name="logger">Says whether the model was trained or loaded.</param>
    public static TrainedSafetyScreen Build(IReadOnlyList<SafetyExample> examples, IEnumerable<string> ordinary, QuestionEncoder encoder, string? cacheFolder, LearnedScreenSettings settings, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(settings);
        var all = examples.Concat(ordinary.Distinct(StringComparer.Ordinal).Select(q => new SafetyExample(q, SafetyLevel.None, null))).ToList();
        var ml = new MLContext(seed: 7);
        var hash = ScreenModelCache.Hash(Recipe, encoder.Embedder.ModelId, all.Select(e => $"{e.Level}\t{e.Previous}\t{e.Text}"));
        var model = ScreenModelCache.LoadOrTrain(ml, cacheFolder, "safety-screen", hash, () => Train(ml, all, encoder, cacheFolder), how => LogModel(logger, how, all.Count));
        return new TrainedSafetyScreen(ml, model, settings, logger);
    }

    private static (ITransformer, DataViewSchema) Train(MLContext ml, List<SafetyExample> all, QuestionEncoder encoder, string? cacheFolder)
    {
        var (vectors, combined) = LearnedScreen.Vectors(all, encoder.Embedder, cacheFolder);
        var rows = new List<Row>();
        for (var i = 0; i < all.Count; i++)
        {
            var label = (uint)LearnedScreenModel.Index(all[i].Level);
            rows.Add(new Row { Text = all[i].Text, Embedding = vectors[i], Label = label });
            if (combined[i] is { } c)
            {
                rows.Add(new Row { Text = all[i].Text, Embedding = c, Label = label });
            }
        }

        var data = ml.Data.LoadFromEnumerable(rows, InputSchema(vectors[0].Length));
        return (Pipeline(ml).Fit(data), data.Schema);
    }

    /// <summary>The features and trainer (cross-validated by <c>painbot eval --screen-cv --with-words</c>).</summary>
    public static IEstimator<ITransformer> Pipeline(MLContext ml)
    {
        ArgumentNullException.ThrowIfNull(ml);
        return ml.Transforms.Text.FeaturizeText("Words", new Microsoft.ML.Transforms.Text.TextFeaturizingEstimator.Options
        {
            WordFeatureExtractor = new Microsoft.ML.Transforms.Text.WordBagEstimator.Options { NgramLength = 2 },
            CharFeatureExtractor = new Microsoft.ML.Transforms.Text.WordBagEstimator.Options { NgramLength = 4 },
        }, nameof(Row.Text))
            .Append(ml.Transforms.Concatenate("Features", "Words", nameof(Row.Embedding)))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(labelColumnName: nameof(Row.Label), featureColumnName: "Features"));
    }

    /// <summary>The class probabilities of one message, read alone and with the previous message's vector.</summary>
    public float[] Probabilities(string text, float[] vector, float[]? previousVector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        if (!_engines.TryTake(out var engine))
        {
            engine = _ml.Model.CreatePredictionEngine<Row, Scored>(_model, inputSchemaDefinition: InputSchema(vector.Length));
        }

        try
        {
            var alone = engine.Predict(new Row { Text = text, Embedding = vector }).Score.ToArray();
            if (previousVector is not null)
            {
                var together = engine.Predict(new Row { Text = text, Embedding = LearnedScreen.Combine(previousVector, vector) }).Score;
                for (var c = 0; c < alone.Length; c++)
                {
                    alone[c] = Math.Max(alone[c], together[c]);
                }
            }

            return alone;
        }
        finally
        {
            _engines.Add(engine);
        }
    }

    /// <inheritdoc/>
    public ScreenVerdict Assess(string text, float[]? messageVector, float[]? previousVector)
    {
        if (messageVector is null || string.IsNullOrWhiteSpace(text))
        {
            return ScreenVerdict.None;
        }

        try
        {
            var p = Probabilities(text, messageVector, previousVector);
            ScreenVerdict? possible = null;
            for (var c = LearnedScreenModel.Classes.Count - 1; c > 0; c--)
            {
                var level = LearnedScreenModel.Classes[c];
                if (!_settings.Thresholds.TryGetValue(level, out var t))
                {
                    continue;
                }

                if (p[c] >= t.Sure)
                {
                    return new ScreenVerdict(level, p[c], Sure: true);
                }

                if (possible is null && t.Possible is { } band && p[c] >= band)
                {
                    var texts = Language.LooksSpanish(text) && _settings.CheckInSpanish.ContainsKey(level) ? _settings.CheckInSpanish : _settings.CheckIn;
                    possible = new ScreenVerdict(level, p[c], Sure: false, texts.GetValueOrDefault(level));
                }
            }

            return possible ?? ScreenVerdict.None;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The rules and the crisis screen have already run; a failing model must not break the turn.
            LogFailed(_logger, ex.GetType().Name);
            return ScreenVerdict.None;
        }
    }

    /// <summary>The rows' schema for vectors of <paramref name="dims"/> dimensions (the label a key over the levels).</summary>
    public static SchemaDefinition InputSchema(int dims) => InputSchema(dims, LearnedScreenModel.Classes.Count);

    /// <summary>The rows' schema for vectors of <paramref name="dims"/> dimensions and a label over <paramref name="classes"/> classes.</summary>
    public static SchemaDefinition InputSchema(int dims, int classes)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Embedding)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dims);
        schema[nameof(Row.Label)].ColumnType = new KeyDataViewType(typeof(uint), classes);
        return schema;
    }

    [LoggerMessage(EventId = 2110, Level = LogLevel.Information, Message = "Learned safety screen {How} ({Count} examples)")]
    private static partial void LogModel(ILogger logger, string how, int count);

    [LoggerMessage(EventId = 2111, Level = LogLevel.Warning, Message = "Learned safety screen failed ({Error}); the rules' verdict stands")]
    private static partial void LogFailed(ILogger logger, string error);

    /// <summary>One message as the pipeline reads it.</summary>
    public sealed class Row
    {
        public string Text { get; set; } = string.Empty;

        public float[] Embedding { get; set; } = [];

        public uint Label { get; set; }
    }

    /// <summary>The pipeline's output.</summary>
    public sealed class Scored
    {
        public float[] Score { get; set; } = [];
    }
}
