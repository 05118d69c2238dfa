using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.ML;
using PainBot.Core.Content;
using PainBot.Core.Scope;
using PainBot.Knowledge.Embeddings;

namespace PainBot.Knowledge.Screening;

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
    public static IReadOnlyList<(string Text, ScopeVerdict Label)> LoadBank(string knowledgeFolder)
    {
        var folder = Path.Combine(knowledgeFolder, RelativePath);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var examples = new List<(string, ScopeVerdict)>();
        var errors = new ContentErrors("The scope example bank");
        foreach (var path in Directory.GetFiles(folder, "*.jsonl").Order(StringComparer.Ordinal))
        {
            var number = 0;
            foreach (var line in File.ReadLines(path))
            {
                number++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                var parsed = Parse(line);
                if (parsed is { } example)
                {
                    examples.Add(example);
                }
                else
                {
                    errors.Add(Path.Combine(RelativePath, Path.GetFileName(path)), number, null, "not a JSON object with \"text\" and \"label\" (in, out, clinician, injection or privacy)");
                }
            }
        }

        errors.ThrowIfAny();
        return examples;
    }

    /// <summary>Loads the cached model for this bank, or trains and caches it.</summary>
    public static TrainedScopeScreen Build(IScopeGuard rules, IReadOnlyList<(string Text, ScopeVerdict Label)> bank, IEnumerable<string> ordinary, QuestionEncoder encoder, string? cacheFolder, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(encoder);
        var all = bank.Concat(ordinary.Distinct(StringComparer.Ordinal).Select(q => (q, ScopeVerdict.In))).ToList();
        var ml = new MLContext(seed: 11);
        var path = string.IsNullOrWhiteSpace(cacheFolder) ? null : Path.Combine(cacheFolder, $"scope-screen-{Hash(all, encoder.Embedder.ModelId)}.zip");
        if (path is not null && File.Exists(path))
        {
            try
            {
                var cached = ml.Model.Load(path, out _);
                LogModel(logger, "loaded from the cache", all.Count);
                return new TrainedScopeScreen(rules, ml, cached, encoder, logger);
            }
            catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or IOException or FormatException)
            {
                LogModel(logger, "cache unreadable, trained again", all.Count);
            }
        }

        var cache = new EmbeddingCache(cacheFolder, encoder.Embedder.ModelId, encoder.Embedder.Dimensions, set: "scope-examples");
        var texts = all.Select(e => e.Item1).Distinct(StringComparer.Ordinal).ToList();
        var (vectors, _) = cache.GetOrAdd(texts, missing => [.. missing.Select(t => encoder.Embedder.Embed([t])[0])]);
        cache.Save(texts);
        var byText = texts.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => vectors[x.i], StringComparer.Ordinal);
        var rows = all.Select(e => new TrainedSafetyScreen.Row { Text = e.Item1, Embedding = byText[e.Item1], Label = (uint)Array.IndexOf(Classes, e.Item2) }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows, TrainedSafetyScreen.InputSchema(encoder.Embedder.Dimensions, Classes.Length));
        var model = TrainedSafetyScreen.Pipeline(ml).Fit(data);
        if (path is not null)
        {
            Directory.CreateDirectory(cacheFolder!);
            var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
            ml.Model.Save(model, data.Schema, temporary);
            File.Move(temporary, path, overwrite: true);
            foreach (var stale in Directory.EnumerateFiles(cacheFolder!, "scope-screen-*.zip").Where(f => f != path))
            {
                File.Delete(stale);
            }
        }

        LogModel(logger, "trained", all.Count);
        return new TrainedScopeScreen(rules, ml, model, encoder, logger);
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

    private static (string, ScopeVerdict)? Parse(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("text", out var t) || t.GetString() is not { Length: > 0 } text
                || !root.TryGetProperty("label", out var l) || Array.IndexOf(Names, l.GetString()) is var index && index < 0)
            {
                return null;
            }

            return (text, Classes[index]);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Hash(IReadOnlyList<(string Text, ScopeVerdict Label)> all, string modelId)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(Recipe + "\n" + modelId + "\n"));
        foreach (var (text, label) in all)
        {
            sha.AppendData(Encoding.UTF8.GetBytes($"{label}\t{text}\n"));
        }

        return Convert.ToHexString(sha.GetHashAndReset())[..16].ToLowerInvariant();
    }

    [LoggerMessage(EventId = 2120, Level = LogLevel.Information, Message = "Learned scope screen {How} ({Count} examples)")]
    private static partial void LogModel(ILogger logger, string how, int count);

    [LoggerMessage(EventId = 2121, Level = LogLevel.Warning, Message = "Learned scope screen failed ({Error}); the rules' verdict stands")]
    private static partial void LogFailed(ILogger logger, string error);
}
