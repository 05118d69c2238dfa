using System.Globalization;
using PainBot.Analytics.Tests.Support;
using PainBot.Core.Analytics;

namespace PainBot.Analytics.Tests.Hosting;

/// <summary>
/// Turns recorded by the real host: Direct Line, the one turn handler, the dialog manager, the observer, the queue
/// and the writer, into a real store. Disposing the host stops it, which flushes the queue.
/// </summary>
public sealed class HostRecordingTests
{
    private static Dictionary<string, string?> Settings(StoreTarget target) => target.IsPostgres
        ? new() { ["Analytics:Provider"] = "PostgreSQL", ["Analytics:ConnectionString"] = target.ConnectionString }
        : new() { ["Analytics:ConnectionString"] = target.ConnectionString };

    [Fact]
    public async Task Turns_ThroughTheRealPipeline_AreRecordedWithTheirFacts_AndWarmUpIsNot()
    {
        await using var target = StoreTarget.Sqlite();
        string conversation;
        using (var app = new AnalyticsHostApp(Settings(target)))
        {
            var visitor = new DirectLineVisitor(app.CreateClient(), "visitor-42");
            await visitor.StartAsync();
            conversation = visitor.ConversationId!;
            await visitor.SayAsync("does acupuncture help back pain?");
            await visitor.SayAsync("I want to end it all");
            await visitor.SayAsync("do you run a gout clinic for swollen toes?");
        }

        var rows = await target.RowsAsync(
            "SELECT conversation_key, user_key, channel, audience, confidence, safety_level, safety_layer, scope, composer, fallback, latency_ms, unanswered, id FROM turns ORDER BY at_ms, id");
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Equal(AnalyticsKeys.Of("directline", conversation), r[0]);
            Assert.Equal(AnalyticsKeys.Of("directline", "visitor-42"), r[1]);
            Assert.Equal("directline", r[2]);
            Assert.Equal("patient", r[3]);
            Assert.True(Convert.ToDouble(r[10], CultureInfo.InvariantCulture) > 0);
        });

        var (answer, crisis, notCovered) = (rows[0], rows[1], rows[2]);
        Assert.Equal(["none", null, "in", "extractive", null], answer[5..10]);
        Assert.True(Convert.ToDouble(answer[4], CultureInfo.InvariantCulture) > 0.5);
        Assert.Equal(0L, Convert.ToInt64(answer[11], CultureInfo.InvariantCulture));
        var topics = (await target.RowsAsync($"SELECT topic FROM turn_topics WHERE turn_id = '{answer[12]}'")).Select(t => (string)t[0]!).ToList();
        Assert.Contains("physical-acupuncture", topics);

        Assert.Equal(["crisis", "rules", "in", "none", null], crisis[5..10]);
        Assert.Equal(1L, Convert.ToInt64(notCovered[11], CultureInfo.InvariantCulture));
        Assert.Equal(1, await target.CountAsync("unanswered"));

        var report = await target.Store().ReportAsync(1, CancellationToken.None);
        Assert.Equal(3, report.Turns);
        Assert.Equal(1, report.Escalations["crisis"]);
        Assert.Contains(report.TopTopics, t => t.Topic == "physical-acupuncture");
    }

    [Fact]
    public async Task ForgetMe_ThroughTheRealPipeline_DeletesThePersonsRowsEverywhere_AndKeepsOthers()
    {
        await using var target = StoreTarget.Sqlite();
        string mine, theirs;
        using (var app = new AnalyticsHostApp(Settings(target)))
        {
            var http = app.CreateClient();
            var me = new DirectLineVisitor(http, "visitor-me");
            var other = new DirectLineVisitor(http, "visitor-other");
            await me.StartAsync();
            await other.StartAsync();
            (mine, theirs) = (me.ConversationId!, other.ConversationId!);
            foreach (var visitor in new[] { me, other })
            {
                await visitor.SayAsync("does acupuncture help back pain?");
                await visitor.SayAsync("do you run a gout clinic for swollen toes?");
            }

            var store = (IAnalyticsStore)app.Services.GetService(typeof(IAnalyticsStore))!;
            await store.RecordFeedbackAsync(new FeedbackRecord(DateTimeOffset.UtcNow, AnalyticsKeys.Of("directline", mine), AnalyticsKeys.Of("directline", "visitor-me"), "directline", "r1", false, "meh"), CancellationToken.None);
            await me.SayAsync("forget me");
        }

        var dump = await target.DumpAsync();
        foreach (var key in new[] { AnalyticsKeys.Of("directline", mine), AnalyticsKeys.Of("directline", "visitor-me") })
        {
            Assert.DoesNotContain(key, dump, StringComparison.Ordinal);
        }

        Assert.Contains(AnalyticsKeys.Of("directline", theirs), dump, StringComparison.Ordinal);
        Assert.Equal(2, await target.CountAsync("turns"));
        Assert.Equal(1, await target.CountAsync("unanswered"));
        Assert.Equal(0, await target.CountAsync("feedback"));
    }
}
