using PainBot.Core.Knowledge;
using PainBot.Knowledge.Loading;

namespace PainBot.Knowledge.Tests.Support;

/// <summary>The repository's <c>knowledge/</c> folder, loaded once for the tests that check every shipped passage.</summary>
internal static class ShippedKnowledge
{
    public static string Folder { get; } = Path.Combine(Services.RepoRoot(), "knowledge");

    public static KnowledgeBase Base { get; } = new KnowledgeLoader(new ClinicOptions().Placeholders()).Load(Folder);

    /// <summary>Every shipped passage id, one theory case each.</summary>
    public static TheoryData<string> PassageIds()
    {
        var data = new TheoryData<string>();
        foreach (var passage in Base.Passages)
        {
            data.Add(passage.Id);
        }

        return data;
    }
}
