using System.Numerics.Tensors;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using PainBot.Core.Safety;

namespace PainBot.Knowledge.Screening;

/// <summary>
/// A maximum-entropy (multinomial logistic regression) classifier over sentence vectors, trained with ML.NET's
/// L-BFGS trainer on the example bank. Its weights are copied out of ML.NET after training, so scoring is a
/// few dot products: thread-safe, allocation-light and independent of ML.NET's prediction engine.
/// </summary>
public sealed class LearnedScreenModel
{
    /// <summary>The classes, in the order of <see cref="Probabilities"/>.</summary>
    public static IReadOnlyList<SafetyLevel> Classes { get; } = [SafetyLevel.None, SafetyLevel.MedSafety, SafetyLevel.Urgent, SafetyLevel.Crisis, SafetyLevel.Emergency];

    private readonly float[][] _weights;
    private readonly float[] _biases;

    private LearnedScreenModel(float[][] weights, float[] biases)
    {
        _weights = weights;
        _biases = biases;
    }

    /// <summary>Trains on <paramref name="vectors"/> labelled <paramref name="levels"/>; each class weighted by the inverse of its share.</summary>
    /// <param name="vectors">Unit-length sentence vectors, all of one dimension.</param>
    /// <param name="levels">The label of each vector.</param>
    /// <param name="l2">L2 regularisation.</param>
    public static LearnedScreenModel Train(IReadOnlyList<float[]> vectors, IReadOnlyList<SafetyLevel> levels, float l2 = 0.05f)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(levels);
        if (vectors.Count == 0 || vectors.Count != levels.Count)
        {
            throw new ArgumentException("Training needs one level per vector and at least one vector.", nameof(levels));
        }

        var dims = vectors[0].Length;
        var counts = Classes.Select(c => levels.Count(l => l == c)).ToArray();
        var rows = vectors.Select((v, i) =>
        {
            var cls = Index(levels[i]);
            // With a key type loaded from memory, the value is the class index itself (0-based).
            return new Row { Features = v, Label = (uint)cls, Weight = vectors.Count / (float)(Classes.Count * Math.Max(1, counts[cls])) };
        });

        var ml = new MLContext(seed: 7);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dims);
        schema[nameof(Row.Label)].ColumnType = new KeyDataViewType(typeof(uint), Classes.Count);
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        var trainer = ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = nameof(Row.Label),
            FeatureColumnName = nameof(Row.Features),
            ExampleWeightColumnName = nameof(Row.Weight),
            L2Regularization = l2,
            L1Regularization = 0,
            OptimizationTolerance = 1e-6f,
            NumberOfThreads = 1,
        });
        var parameters = trainer.Fit(data).Model;

        VBuffer<float>[] weights = [];
        parameters.GetWeights(ref weights, out var classes);
        var biases = parameters.GetBiases().ToArray();
        var dense = new float[classes][];
        for (var c = 0; c < classes; c++)
        {
            dense[c] = new float[dims];
            weights[c].CopyTo(dense[c]);
        }

        return new LearnedScreenModel(dense, biases);
    }

    /// <summary>The class probabilities of one vector, in the order of <see cref="Classes"/>.</summary>
    public float[] Probabilities(ReadOnlySpan<float> vector)
    {
        var scores = new float[_biases.Length];
        for (var c = 0; c < scores.Length; c++)
        {
            scores[c] = TensorPrimitives.Dot(vector, _weights[c]) + _biases[c];
        }

        TensorPrimitives.SoftMax(scores, scores);
        return scores;
    }

    /// <summary>The position of <paramref name="level"/> in <see cref="Classes"/>.</summary>
    public static int Index(SafetyLevel level) => level switch
    {
        SafetyLevel.MedSafety => 1,
        SafetyLevel.Urgent => 2,
        SafetyLevel.Crisis => 3,
        SafetyLevel.Emergency => 4,
        _ => 0,
    };

    private sealed class Row
    {
        public float[] Features { get; set; } = [];

        public uint Label { get; set; }

        public float Weight { get; set; }
    }
}
