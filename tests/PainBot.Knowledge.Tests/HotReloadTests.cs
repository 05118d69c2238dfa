using PainBot.Core.Content;
using PainBot.Core.Knowledge;
using PainBot.Core.Safety;
using PainBot.Knowledge.Tests.Support;

namespace PainBot.Knowledge.Tests;

/// <summary>The whole content (passages, safety, scope, reply texts) reloads as one snapshot on any edit.</summary>
public sealed class HotReloadTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    // A made-up phrase: the learned screen rightly flags real crisis wording before any rule names it.
    private const string NewCrisisPhrase = "polish the zebra harmonica";
    private const string CrisisRuleLine = "          - end it all\n";

    private static (TempKnowledge Folder, KnowledgeService Knowledge, ContentStore Store) Rig(bool watch = true)
    {
        var k = new TempKnowledge().WithRepositoryRules();
        k.WritePassage("acupuncture-what", "physical-acupuncture", "What is acupuncture?", "Thin needles at chosen points.");
        var knowledge = Services.Knowledge(k.Root, new HashingEmbedder(), watch: watch);
        var store = Services.Content(knowledge, watch);
        store.Load();
        return (k, knowledge, store);
    }

    private static Task<T> Next<T>(Action<EventHandler<T>> subscribe)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        subscribe((_, e) => done.TrySetResult(e));
        return done.Task.WaitAsync(Wait);
    }

    private static void AddCrisisPhrase(TempKnowledge k)
    {
        var path = Path.Combine(k.Root, "safety", "crisis.yaml");
        var text = File.ReadAllText(path);
        Assert.Contains(CrisisRuleLine, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(CrisisRuleLine, CrisisRuleLine + $"          - {NewCrisisPhrase}\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EditedPassage_IsServedWithoutRestart()
    {
        var (k, knowledge, store) = Rig();
        using (k)
        using (knowledge)
        using (store)
        {
            var reloaded = Next<ClinicContent>(h => store.Reloaded += h);
            store.StartWatching();

            k.WritePassage("massage-new", "physical-massage", "Is massage good for tight shoulders?", "Massage can ease tight shoulder muscles.");

            var content = await reloaded;
            Assert.Same(content, store.Current);
            Assert.Equal("massage-new", content.Search.Search(new SearchRequest("tight shoulders massage")).Hits[0].Passage.Id);
        }
    }

    [Fact]
    public async Task SafetyRuleEdit_IsAppliedOnTheNextTurnAfterTheReload()
    {
        var (k, knowledge, store) = Rig();
        using (k)
        using (knowledge)
        using (store)
        {
            var message = $"some nights i think i will just {NewCrisisPhrase}";
            var before = store.Current;
            Assert.True(before.Triage.Assess(message, Audience.Patient).Level < SafetyLevel.Crisis);
            var reloaded = Next<ClinicContent>(h => store.Reloaded += h);
            store.StartWatching();

            AddCrisisPhrase(k);

            var after = await reloaded;
            Assert.True(after.Generation > before.Generation);
            Assert.Equal(SafetyLevel.Crisis, store.Current.Triage.Assess(message, Audience.Patient).Level);

            // A turn that took the old snapshot keeps old rules with old passages throughout.
            Assert.True(before.Triage.Assess(message, Audience.Patient).Level < SafetyLevel.Crisis);
        }
    }

    [Fact]
    public async Task BrokenSafetyEdit_KeepsThePreviousRulesServing_AndNamesTheFile()
    {
        var (k, knowledge, store) = Rig();
        using (k)
        using (knowledge)
        using (store)
        {
            var before = store.Current;
            var failed = Next<ContentException>(h => store.ReloadFailed += h);
            store.StartWatching();

            k.Write("safety/urgent.yaml", "rules:\n  - id: urgent-broken\n    level: nonsense\n");

            var error = await failed;
            Assert.Contains("urgent.yaml", error.Message, StringComparison.Ordinal);
            Assert.Same(before, store.Current);
            Assert.Equal(SafetyLevel.Crisis, store.Current.Triage.Assess("i want to end it all", Audience.Patient).Level);
        }
    }

    [Fact]
    public async Task BrokenPassageEdit_KeepsThePreviousKnowledgeServing()
    {
        var (k, knowledge, store) = Rig();
        using (k)
        using (knowledge)
        using (store)
        {
            var failed = Next<ContentException>(h => store.ReloadFailed += h);
            store.StartWatching();

            k.Write("passages/physical-acupuncture/acupuncture-what.md", "---\nid: acupuncture-what\ntopic: not-a-topic\n---\n");

            var error = await failed;
            Assert.Contains("acupuncture-what.md", error.Message, StringComparison.Ordinal);
            var hit = Assert.Single(store.Current.Search.Search(new SearchRequest("needles")).Hits);
            Assert.Equal("What is acupuncture?", hit.Passage.Title);
        }
    }

    [Fact]
    public void DialogPolicyEdit_IsServedAfterTheReload_AndABrokenOneIsRefused()
    {
        var (k, knowledge, store) = Rig(watch: false);
        using (k)
        using (knowledge)
        using (store)
        {
            Assert.Equal(["What is acupuncture?"], store.Current.Policy.StarterSuggestions);
            k.Write("dialog.yaml", "version: 1\nstarter_suggestions: [Is massage safe?]\nclarify_subject_suggestions: [Massage]\ndisclaimer_topics: [physical-massage]\n" + TempKnowledge.MinimalGuides);
            Assert.True(store.TryReload());
            Assert.Equal(["Is massage safe?"], store.Current.Policy.StarterSuggestions);

            k.Write("dialog.yaml", "version: 1\nstarter_suggestions: [x]\nclarify_subject_suggestions: [y]\ndisclaimer_topics: [psych-]\n" + TempKnowledge.MinimalGuides);
            Assert.False(store.TryReload());
            Assert.Equal(["Is massage safe?"], store.Current.Policy.StarterSuggestions);
        }
    }

    [Fact]
    public void TryReload_AfterFix_ServesTheFixedContent()
    {
        var (k, knowledge, store) = Rig(watch: false);
        using (k)
        using (knowledge)
        using (store)
        {
            k.Write("responses.yaml", "welcome: |\n  hi\n");
            Assert.False(store.TryReload());

            k.WritePassage("acupuncture-what", "physical-acupuncture", "Acupuncture explained", "Thin needles, sterile and single use.");
            k.Write("responses.yaml", File.ReadAllText(Path.Combine(Services.RepoRoot(), "knowledge", "responses.yaml")));

            Assert.True(store.TryReload());
            Assert.Equal("Acupuncture explained", store.Current.Search.Search(new SearchRequest("sterile needles")).Hits[0].Passage.Title);
        }
    }
}
