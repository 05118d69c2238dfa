using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.ML;
using PainBot.Core.Content;
using PainBot.Core.Scope;
using PainBot.Knowledge.Embeddings;

namespace PainBot.Knowledge.Screening;

/// <summary>One labelled message of the scope example bank (<c>knowledge/scope/examples/*.jsonl</c>).</summary>
/// <param name="Text">The message.</param>
/// <param name="Label">What the scope check should decide for it.</param>
public sealed record ScopeExample(string Text, ScopeVerdict Label);

/// <summary>
/// The learned layer of the scope check: the safety screen's features and trainer (<see cref="TrainedSafetyScreen.Pipeline"/>)
/// trained on the scope example bank (<c>knowledge/scope/examples/*.jsonl</c>, lines of <c>text</c> and <c>label</c>:
/// in, out, clinician, injection, privacy) plus the passages' questions as in-scope messages. It only raises: a
/// message the rules let through is given the class the screen is sure of (<see cref="Threshold"/>); the rules'
/// own verdicts stand. Trained when the content loads and cached by a hash of its training data.
/// </summary>
public sealed partial class TrainedScopeScreen : IScopeGuard
{
    /// <summary>The bank's folder below the knowledge folder.</summary>
    public const string RelativePath = "scope/examples";

    /// <summary>Probability at or above which the screen's class replaces "in".</summary>
    public const double Threshold = 0.7;

    private const string Recipe = "scope-words2-chars4-minilm-sdca-v1";

    // The classes in label order (the index is the model's key).
    private static readonly ScopeVerdict[] Classes = [ScopeVerdict.In, ScopeVerdict.Out, ScopeVerdict.Clinician, ScopeVerdict.Injection, ScopeVerdict.Privacy];
    private static readonly string[] Names = ["in", "out", "clinician", "injection", "privacy"];

    private readonly IScopeGuard _rules;
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly QuestionEncoder _encoder;
    private readonly ILogger _logger;
    private readonly ConcurrentBag<PredictionEngine<TrainedSafetyScreen.Row, TrainedSafetyScreen.Scored>> _engines = [];

    private TrainedScopeScreen(IScopeGuard rules, MLContext ml, ITransformer model, QuestionEncoder encoder, ILogger logger)
    {
        _rules = rules;
        _ml = ml;
        _model = model;
        _encoder = encoder;
        _logger = logger;
    }

    /// <summary>The bank under <paramref name="knowledgeFolder"/> (empty without the folder).</summary>
    /// <exception cref="ContentException">A line is not a JSON object with a text and a known label.</exception>
    public static IReadOnlyList<ScopeExample> LoadBank(string knowledgeFolder) =>
        ExampleBankFile.Read(knowledgeFolder, RelativePath, "The scope example bank", "not a JSON object with \"text\" and \"label\" (in, out, clinician, injection or privacy)", Parse);

    /// <summary>Loads the cached model for this bank, or trains and caches it.</summary>
    public static TrainedScopeScreen Build(IScopeGuard rules, IReadOnlyList<ScopeExample> bank, IEnumerable<string> ordinary, QuestionEncoder encoder, string? cacheFolder, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(encoder);
        var all = bank.Concat(ordinary.Distinct(StringComparer.Ordinal).Select(q => new ScopeExample(q, ScopeVerdict.In))).ToList();
        var ml = new MLContext(seed: 11);
        var hash = ScreenModelCache.Hash(Recipe, encoder.Embedder.ModelId, all.Select(e => $"{e.Label}\t{e.Text}"));
        var model = ScreenModelCache.LoadOrTrain(ml, cacheFolder, "scope-screen", hash, () => Train(ml, all, encoder, cacheFolder), how => LogModel(logger, how, all.Count));
        return new TrainedScopeScreen(rules, ml, model, encoder, logger);
    }

    private static (ITransformer, DataViewSchema) Train(MLContext ml, List<ScopeExample> all, QuestionEncoder encoder, string? cacheFolder)
    {
        var vectors = LearnedScreen.Embed(all.Select(e => e.Text), encoder.Embedder, cacheFolder, "scope-examples");
        var rows = all.Select(e => new TrainedSafetyScreen.Row { Text = e.Text, Embedding = vectors[e.Text], Label = (uint)Array.IndexOf(Classes, e.Label) });
        var data = ml.Data.LoadFromEnumerable(rows, TrainedSafetyScreen.InputSchema(encoder.Embedder.Dimensions, Classes.Length));
        return (TrainedSafetyScreen.Pipeline(ml).Fit(data), data.Schema);
    }

    /// <summary>The rules' verdict; when they let the message through, the screen's class if it is sure of one.</summary>
    public ScopeAssessment Assess(string text)
    {
        var ruled = _rules.Assess(text);
        if (ruled.Verdict != ScopeVerdict.In || string.IsNullOrWhiteSpace(text))
        {
            return ruled;
        }

        try
        {
            // The turn has embedded this text already: the encoder's cache answers.
            var p = Probabilities(text, _encoder.Encode(text));
            var best = Array.IndexOf(p, p.Max());
            return best > 0 && p[best] >= Threshold
                ? new ScopeAssessment(Classes[best], $"screen:{Names[best]}:{p[best].ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}")
                : ruled;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogFailed(_logger, ex.GetType().Name);
            return ruled;
        }
    }

    private float[] Probabilities(string text, float[] vector)
    {
        if (!_engines.TryTake(out var engine))
        {
            engine = _ml.Model.CreatePredictionEngine<TrainedSafetyScreen.Row, TrainedSafetyScreen.Scored>(_model, inputSchemaDefinition: TrainedSafetyScreen.InputSchema(vector.Length, Classes.Length));
        }

        try
        {
            return engine.Predict(new TrainedSafetyScreen.Row { Text = text, Embedding = vector }).Score.ToArray();
        }
        finally
        {
            _engines.Add(engine);
        }
    }

    private static ScopeExample? Parse(JsonElement root) =>
        root.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() is { Length: > 0 } text
            && root.TryGetProperty("label", out var l) && l.ValueKind == JsonValueKind.String && Array.IndexOf(Names, l.GetString()) is >= 0 and var index
            ? new ScopeExample(text, Classes[index])
            : null;

    [LoggerMessage(EventId = 2120, Level = LogLevel.Information, Message = "Learned scope screen {How} ({Count} examples)")]
    private static partial void LogModel(ILogger logger, string how, int count);

    [LoggerMessage(EventId = 2121, Level = LogLevel.Warning, Message = "Learned scope screen failed ({Error}); the rules' verdict stands")]
    private static partial void LogFailed(ILogger logger, string error);
}
