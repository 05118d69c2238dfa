using PainBot.Core.Knowledge;
using PainBot.Knowledge.Loading;
using PainBot.Knowledge.Search;
using PainBot.Knowledge.Tests.Support;

namespace PainBot.Knowledge.Tests;

public sealed class HotReloadTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task EditedFile_IsServedWithoutRestart()
    {
        using var k = new TempKnowledge();
        k.WritePassage("acupuncture-what", "physical-acupuncture", "What is acupuncture?", "Thin needles at chosen points.");
        using var s = Services.Knowledge(k.Root, new HashingEmbedder(), watch: true);
        s.Load();
        var reloaded = new TaskCompletionSource<BuildReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        s.Reloaded += (_, r) => reloaded.TrySetResult(r);
        s.StartWatching();

        k.WritePassage("massage-new", "physical-massage", "Is massage good for tight shoulders?", "Massage can ease tight shoulder muscles.");

        var report = await reloaded.Task.WaitAsync(Wait);
        Assert.Equal(2, report.Passages);
        Assert.Equal("massage-new", s.Search(new SearchRequest("tight shoulders massage")).Hits[0].Passage.Id);
    }

    [Fact]
    public async Task BrokenEdit_KeepsThePreviousKnowledgeServing()
    {
        using var k = new TempKnowledge();
        k.WritePassage("acupuncture-what", "physical-acupuncture", "What is acupuncture?", "Thin needles at chosen points.");
        using var s = Services.Knowledge(k.Root, new HashingEmbedder(), watch: true);
        s.Load();
        var failed = new TaskCompletionSource<KnowledgeValidationException>(TaskCreationOptions.RunContinuationsAsynchronously);
        s.ReloadFailed += (_, e) => failed.TrySetResult(e);
        s.StartWatching();

        k.Write("passages/physical-acupuncture/acupuncture-what.md", "---\nid: acupuncture-what\ntopic: not-a-topic\n---\n");

        var error = await failed.Task.WaitAsync(Wait);
        Assert.Contains("acupuncture-what.md", error.Message, StringComparison.Ordinal);
        var hit = Assert.Single(s.Search(new SearchRequest("needles")).Hits);
        Assert.Equal("What is acupuncture?", hit.Passage.Title);
    }

    [Fact]
    public void TryReload_AfterFix_ServesTheFixedContent()
    {
        using var k = new TempKnowledge();
        k.WritePassage("acupuncture-what", "physical-acupuncture", "What is acupuncture?", "Thin needles.");
        using var s = Services.Knowledge(k.Root, null);
        s.Load();
        k.WritePassage("acupuncture-what", "physical-acupuncture", "What is acupuncture?", " ");
        Assert.False(s.TryReload());

        k.WritePassage("acupuncture-what", "physical-acupuncture", "Acupuncture explained", "Thin needles, sterile and single use.");

        Assert.True(s.TryReload());
        Assert.Equal("Acupuncture explained", s.Search(new SearchRequest("sterile needles")).Hits[0].Passage.Title);
    }
}
