using Microsoft.ML;
using Microsoft.ML.Data;
using PainBot.Core.Safety;
using PainBot.Knowledge.Screening;

namespace PainBot.Cli.Commands;

/// <summary>
/// <c>eval --screen-cv --with-words</c>: the same cross-validation with word bigrams and character 4-grams of the
/// message (ML.NET FeaturizeText) beside its sentence vector, trained with SDCA maximum entropy.
/// </summary>
internal static class ScreenTextExperiment
{
    public static float[][] CrossValidate(IReadOnlyList<SafetyExample> examples, float[][] vectors, int[] order, int folds)
    {
        var ml = new MLContext(seed: 7);
        var dims = vectors[0].Length;
        var rows = examples.Select((e, i) => new Row { Text = e.Previous is null ? e.Text : e.Previous + " " + e.Text, Embedding = vectors[i], Label = (uint)LearnedScreenModel.Index(e.Level) }).ToArray();
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Embedding)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dims);
        schema[nameof(Row.Label)].ColumnType = new KeyDataViewType(typeof(uint), LearnedScreenModel.Classes.Count);
        var probabilities = new float[examples.Count][];
        for (var fold = 0; fold < folds; fold++)
        {
            var trainIdx = order.Where((_, k) => k % folds != fold).ToList();
            var testIdx = order.Where((_, k) => k % folds == fold).ToList();
            var train = ml.Data.LoadFromEnumerable(trainIdx.Select(i => rows[i]), schema);
            var pipeline = ml.Transforms.Text.FeaturizeText("Words", new Microsoft.ML.Transforms.Text.TextFeaturizingEstimator.Options
            {
                WordFeatureExtractor = new Microsoft.ML.Transforms.Text.WordBagEstimator.Options { NgramLength = 2 },
                CharFeatureExtractor = new Microsoft.ML.Transforms.Text.WordBagEstimator.Options { NgramLength = 4 },
            }, nameof(Row.Text))
                .Append(ml.Transforms.Concatenate("Features", "Words", nameof(Row.Embedding)))
                .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(labelColumnName: nameof(Row.Label), featureColumnName: "Features"));
            var model = pipeline.Fit(train);
            var scored = model.Transform(ml.Data.LoadFromEnumerable(testIdx.Select(i => rows[i]), schema));
            var scores = scored.GetColumn<float[]>("Score").ToList();
            for (var j = 0; j < testIdx.Count; j++)
            {
                probabilities[testIdx[j]] = scores[j];
            }
        }

        return probabilities;
    }

    private sealed class Row
    {
        public string Text { get; set; } = string.Empty;

        public float[] Embedding { get; set; } = [];

        public uint Label { get; set; }
    }
}
