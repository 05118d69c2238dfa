using System.Numerics.Tensors;
using PainBot.Core.Safety;
using PainBot.Knowledge;
using PainBot.Knowledge.Embeddings;
using PainBot.Knowledge.Screening;

namespace PainBot.Cli.Commands;

/// <summary>
/// <c>eval --screen-cv</c>: five-fold cross-validation of the learned safety screen on the example bank (plus the
/// passages' own questions as ordinary messages): per level, how many are caught at their level or higher and
/// how many ordinary messages are escalated, for a range of thresholds. Thresholds are chosen from this, never
/// from a held-out set.
/// </summary>
internal static class ScreenCrossValidation
{
    private const int Folds = 5;

    /// <param name="knowledge">The loaded passages (their questions are ordinary messages).</param>
    /// <param name="embedder">The sentence encoder.</param>
    /// <param name="cacheFolder">Where the vectors of the bank are cached.</param>
    /// <param name="withWords">Word and character n-grams beside the vector (slower to train), else the vector alone.</param>
    /// <param name="output">Where the table goes.</param>
    public static void Run(KnowledgeService knowledge, ITextEmbedder embedder, string cacheFolder, bool withWords, TextWriter output)
    {
        var examples = SafetyExampleBank.Load(knowledge.Folder)
            .Concat(knowledge.Current.Passages.SelectMany(p => p.Questions).Distinct(StringComparer.Ordinal).Select(q => new SafetyExample(q, SafetyLevel.None, null)))
            .ToList();
        var (vectors, combined) = LearnedScreen.Vectors(examples, embedder, cacheFolder);
        var order = Enumerable.Range(0, examples.Count).OrderBy(i => (i * 7919) % examples.Count).ToArray();
        var probabilities = withWords ? ScreenTextExperiment.CrossValidate(examples, vectors, order, Folds) : new float[examples.Count][];
        for (var fold = 0; fold < Folds && !withWords; fold++)
        {
            var train = order.Where((_, k) => k % Folds != fold).ToList();
            var (x, y) = LearnedScreen.TrainingRows(train.Select(i => examples[i]).ToList(), train.Select(i => vectors[i]).ToList(), train.Select(i => combined[i]).ToList());
            var model = LearnedScreenModel.Train(x, y);
            foreach (var i in order.Where((_, k) => k % Folds == fold))
            {
                probabilities[i] = LearnedScreen.MaxProbabilities(model, [vectors[i], .. combined[i] is { } c ? new[] { c } : []]);
            }
        }

        output.WriteLine($"Learned screen ({(withWords ? "sentence vector with word and character n-grams" : "sentence vector")}), {Folds}-fold cross-validation on {examples.Count} messages (bank and passage questions)");
        output.WriteLine("  threshold   emergency  crisis  urgent  med_safety   ordinary escalated");
        foreach (var t in new[] { 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f })
        {
            var caught = new Dictionary<SafetyLevel, (int N, int Caught)>();
            var escalated = 0;
            var ordinary = 0;
            for (var i = 0; i < examples.Count; i++)
            {
                var predicted = LearnedScreen.Decide(probabilities[i], _ => t);
                var label = examples[i].Level;
                if (label == SafetyLevel.None)
                {
                    ordinary++;
                    escalated += predicted > SafetyLevel.None ? 1 : 0;
                }
                else
                {
                    var (n, c) = caught.GetValueOrDefault(label);
                    caught[label] = (n + 1, c + (predicted >= label ? 1 : 0));
                }
            }

            string Rate(SafetyLevel l) => caught.TryGetValue(l, out var v) && v.N > 0 ? $"{(double)v.Caught / v.N:0.000}" : "  -  ";
            output.WriteLine($"  {t,9:0.00}   {Rate(SafetyLevel.Emergency),9}  {Rate(SafetyLevel.Crisis),6}  {Rate(SafetyLevel.Urgent),6}  {Rate(SafetyLevel.MedSafety),10}   {(double)escalated / ordinary:0.000} ({escalated}/{ordinary})");
        }

        output.WriteLine();
    }

}
