using PainBot.Core.Safety;
using PainBot.Knowledge.Screening;

namespace PainBot.Knowledge.Tests.Screening;

public sealed class LearnedScreenModelTests
{
    // Five well-separated clusters, one per level: the copied-out weights must classify them as ML.NET trained them.
    [Fact]
    public void Train_SeparableClusters_ProbabilitiesPickTheRightLevel()
    {
        var random = new Random(3);
        var vectors = new List<float[]>();
        var levels = new List<SafetyLevel>();
        foreach (var level in LearnedScreenModel.Classes)
        {
            for (var i = 0; i < 40; i++)
            {
                var v = new float[8];
                v[LearnedScreenModel.Index(level)] = 1f;
                for (var d = 0; d < v.Length; d++)
                {
                    v[d] += (float)(random.NextDouble() - 0.5) * 0.3f;
                }

                vectors.Add(LearnedScreen.Combine(v, v));
                levels.Add(level);
            }
        }

        var model = LearnedScreenModel.Train(vectors, levels, l2: 0.01f);

        for (var i = 0; i < vectors.Count; i++)
        {
            var p = model.Probabilities(vectors[i]);
            Assert.Equal(LearnedScreenModel.Index(levels[i]), Array.IndexOf(p, p.Max()));
            Assert.Equal(1.0, p.Sum(), 3);
        }
    }
}
