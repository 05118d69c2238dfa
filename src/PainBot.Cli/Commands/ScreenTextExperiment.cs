using Microsoft.ML;
using Microsoft.ML.Data;
using PainBot.Knowledge.Screening;

namespace PainBot.Cli.Commands;

/// <summary>
/// <c>eval --screen-cv --with-words</c>: the cross-validation of the shipped learned screen
/// (<see cref="TrainedSafetyScreen.Pipeline"/>: word bigrams and character 4-grams beside the sentence vector).
/// </summary>
internal static class ScreenTextExperiment
{
    public static float[][] CrossValidate(IReadOnlyList<SafetyExample> examples, float[][] vectors, int[] order, int folds)
    {
        var ml = new MLContext(seed: 7);
        var rows = examples.Select((e, i) => new TrainedSafetyScreen.Row { Text = e.Text, Embedding = vectors[i], Label = (uint)LearnedScreenModel.Index(e.Level) }).ToArray();
        var schema = TrainedSafetyScreen.InputSchema(vectors[0].Length);
        var probabilities = new float[examples.Count][];
        for (var fold = 0; fold < folds; fold++)
        {
            var testIdx = order.Where((_, k) => k % folds == fold).ToList();
            var model = TrainedSafetyScreen.Pipeline(ml).Fit(ml.Data.LoadFromEnumerable(order.Where((_, k) => k % folds != fold).Select(i => rows[i]), schema));
            var scores = model.Transform(ml.Data.LoadFromEnumerable(testIdx.Select(i => rows[i]), schema)).GetColumn<float[]>("Score").ToList();
            for (var j = 0; j < testIdx.Count; j++)
            {
                probabilities[testIdx[j]] = scores[j];
            }
        }

        return probabilities;
    }
}
