using PainBot.Core.Knowledge;
using PainBot.Knowledge.Tests.Support;

namespace PainBot.Knowledge.Tests;

public sealed class KnowledgeServiceTests
{
    private static TempKnowledge ThreePassages()
    {
        var k = new TempKnowledge();
        k.WritePassage("acupuncture-what", "physical-acupuncture", "What is acupuncture?", "Acupuncture places very thin sterile needles at chosen points of the body.");
        k.WritePassage("massage-styles", "physical-massage", "Which kinds of massage are there?", "Swedish massage is gentle; deep tissue massage works firmer on tight muscles.");
        k.WritePassage("insurance-staff-script", "access-insurance", "What the front desk says about coverage", "Ask the plan which integrative services it pays for and note the reference number.", audience: "staff");
        return k;
    }

    [Fact]
    public void Search_TitleWords_FindTheRightPassageFirst()
    {
        using var k = ThreePassages();
        using var s = Services.Knowledge(k.Root, new HashingEmbedder());
        s.Load();

        var result = s.Search(new SearchRequest("what kinds of massage are there"));

        Assert.Equal("massage-styles", result.Hits[0].Passage.Id);
        Assert.InRange(result.Confidence, 0.0, 1.0);
        Assert.True(result.Hits[0].Score >= result.Hits[^1].Score);
    }

    [Fact]
    public void Search_LayWord_IsExpandedWithSynonyms()
    {
        using var k = ThreePassages();
        using var s = Services.Knowledge(k.Root, embedder: null);
        s.Load();

        // "rubdown" appears in no passage; only its expansion "massage" does.
        var result = s.Search(new SearchRequest("is a rubdown good for me"), RetrievalMode.Lexical);

        Assert.Equal("massage-styles", Assert.Single(result.Hits).Passage.Id);
    }

    [Fact]
    public void Search_StaffPassage_IsHiddenFromPatientsAndShownToStaff()
    {
        using var k = ThreePassages();
        using var s = Services.Knowledge(k.Root, new HashingEmbedder());
        s.Load();
        const string question = "what does the front desk say about coverage";

        var patient = s.Search(new SearchRequest(question, Audience.Patient));
        var staff = s.Search(new SearchRequest(question, Audience.Staff));

        Assert.DoesNotContain(patient.Hits, h => h.Passage.Id == "insurance-staff-script");
        Assert.Equal("insurance-staff-script", staff.Hits[0].Passage.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \t\n ")]
    [InlineData("😀😀🙏")]
    public void Search_NothingToSearchFor_ReturnsEmptyResult(string text)
    {
        using var k = ThreePassages();
        using var s = Services.Knowledge(k.Root, new HashingEmbedder());
        s.Load();

        var result = s.Search(new SearchRequest(text));

        Assert.Empty(result.Hits);
        Assert.Equal(0, result.Confidence);
    }

    [Fact]
    public void Search_VeryLongOrForeignQuery_DoesNotThrow()
    {
        using var k = ThreePassages();
        using var s = Services.Knowledge(k.Root, new HashingEmbedder());
        s.Load();

        var longQuery = string.Concat(Enumerable.Repeat("massage needles pain AND OR NOT \"( * ? ", 400));
        Assert.True(longQuery.Length >= 10_000);

        Assert.NotEmpty(s.Search(new SearchRequest(longQuery)).Hits);
        _ = s.Search(new SearchRequest("¿La acupuntura ayuda con el dolor de espalda?"));
        _ = s.Search(new SearchRequest("针灸对背痛有帮助吗"));
    }

    [Fact]
    public void Search_BeforeLoad_ExplainsWhatToDo()
    {
        using var k = ThreePassages();
        using var s = Services.Knowledge(k.Root, null);

        var ex = Assert.Throws<InvalidOperationException>(() => s.Search(new SearchRequest("massage")));
        Assert.Contains("Load()", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FusionMethod.Weighted)]
    [InlineData(FusionMethod.Rrf)]
    public void Search_BothFusions_RankTheMatchingPassageFirst(FusionMethod fusion)
    {
        using var k = ThreePassages();
        using var s = Services.Knowledge(k.Root, new HashingEmbedder(), fusion: fusion);
        s.Load();

        Assert.Equal("acupuncture-what", s.Search(new SearchRequest("thin sterile needles")).Hits[0].Passage.Id);
    }

    [Fact]
    public void Load_SecondTimeWithCache_ComputesNoEmbeddings()
    {
        using var k = ThreePassages();
        var cache = Path.Combine(k.Root, "..", Path.GetFileName(k.Root) + "-cache");
        try
        {
            var first = new HashingEmbedder();
            using (var s = Services.Knowledge(k.Root, first, cache))
            {
                Assert.True(s.Load().VectorsComputed > 0);
            }

            var second = new HashingEmbedder();
            using (var s = Services.Knowledge(k.Root, second, cache))
            {
                var report = s.Load();
                Assert.Equal(0, report.VectorsComputed);
                Assert.True(report.Vectors > 0);
            }

            // Only the query is embedded at search time.
            Assert.Equal(0, second.TextsEmbedded);

            // An edited passage is embedded again; the others come from the cache.
            k.WritePassage("massage-styles", "physical-massage", "Which kinds of massage are there?", "Changed text about massage.");
            using (var s = Services.Knowledge(k.Root, new HashingEmbedder(), cache))
            {
                Assert.Equal(1, s.Load().VectorsComputed);
            }
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public void Load_CorruptCacheFile_IsIgnoredAndRebuilt()
    {
        using var k = ThreePassages();
        var cache = Path.Combine(k.Root, "cache");
        Directory.CreateDirectory(cache);
        File.WriteAllBytes(Path.Combine(cache, "embeddings-hashing-test.bin"), [1, 2, 3]);

        using var s = Services.Knowledge(k.Root, new HashingEmbedder(), cache);

        Assert.True(s.Load().VectorsComputed > 0);
        Assert.NotEmpty(s.Search(new SearchRequest("massage")).Hits);
    }

    [Fact]
    public void Load_OnDiskIndex_IsWrittenWhenAPathIsConfigured()
    {
        using var k = ThreePassages();
        var indexPath = Path.Combine(k.Root, "index");
        using var s = new KnowledgeService(
            Microsoft.Extensions.Options.Options.Create(new KnowledgeOptions { Path = k.Root, IndexPath = indexPath, Dense = false, EmbeddingCachePath = null }),
            Microsoft.Extensions.Options.Options.Create(new ClinicOptions()),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<KnowledgeService>.Instance);

        s.Load();

        Assert.NotEmpty(Directory.GetFiles(indexPath, "segments*"));
        Assert.Equal("massage-styles", s.Search(new SearchRequest("deep tissue")).Hits[0].Passage.Id);
    }
}
