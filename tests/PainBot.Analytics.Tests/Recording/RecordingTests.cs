using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PainBot.Analytics.Hosting;
using PainBot.Analytics.Recording;
using PainBot.Analytics.Tests.Support;
using PainBot.Core.Analytics;
using PainBot.Core.Dialog;
using PainBot.Core.Safety;
using PainBot.Core.Scope;

namespace PainBot.Analytics.Tests.Recording;

public sealed class RecordingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 12, 0, 0, TimeSpan.Zero);

    private static TurnRecord Turn(string conversation = "c", string user = "u") =>
        new(Now, conversation, user, "webchat", "patient", ["physical-yoga"], 0.9, "none", null, "in", "extractive", null, 3, false);

    private static AnalyticsRecorder Recorder(int capacity, ILoggerFactory? logs = null) =>
        new(Options.Create(new AnalyticsOptions { QueueCapacity = capacity }), (logs ?? NullLoggerFactory.Instance).CreateLogger<AnalyticsRecorder>());

    private static TurnResult Result(bool forgotten = false) =>
        new([new BotReply("hello", ReplyKind.Answer, [], [])], SafetyAssessment.None, ScopeVerdict.In, [], 0.8, false, false, []) { Forgotten = forgotten };

    [Fact]
    public void Recorder_Full_DropsNewRecordsAndCountsThem_LoggingAtPowersOfTwo()
    {
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var recorder = Recorder(16, factory);

        var accepted = Enumerable.Range(0, 21).Count(_ => recorder.TryEnqueue(Turn()));

        Assert.Equal(16, accepted);
        Assert.Equal(5, recorder.Dropped);
        Assert.Equal(16, recorder.Count);
        // Drops 1, 2 and 4 are logged; 3 and 5 are only counted.
        Assert.Equal(3, logs.Events.Count(e => e.Level == LogLevel.Warning && e.Text.Contains("dropped", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Writer_Stopped_WritesEverythingQueuedFirst_AndForgetAfterTheRecordsItFollows()
    {
        await using var target = StoreTarget.Sqlite();
        var store = target.Store(new FixedTime(Now));
        await store.MigrateAsync(CancellationToken.None);
        var recorder = Recorder(1000);
        for (var i = 0; i < 200; i++)
        {
            Assert.True(recorder.TryEnqueue(Turn(i % 2 == 0 ? "me" : "other")));
        }

        await recorder.EnqueueForgetAsync("me", "me-user");
        Assert.True(recorder.TryEnqueue(Turn("later")));
        using var writer = new AnalyticsWriter(recorder, store, NullLogger<AnalyticsWriter>.Instance);

        await writer.StartAsync(CancellationToken.None);
        await writer.StopAsync(CancellationToken.None);

        Assert.Equal(101, await target.CountAsync("turns"));
        Assert.Empty(await target.RowsAsync("SELECT id FROM turns WHERE conversation_key = 'me'"));
        Assert.Equal(0, writer.Failed);
        Assert.False(recorder.TryEnqueue(Turn()));
    }

    [Fact]
    public void Observer_LeavesOutWarmUp_AndQueuesForgetInsteadOfARecord()
    {
        var recorder = Recorder(100);
        var observer = new AnalyticsTurnObserver(recorder, new FixedTime(Now), NullLogger<AnalyticsTurnObserver>.Instance);

        observer.OnTurn(new UserTurn("w", "w", "does acupuncture help back pain?", DialogManager.WarmUpChannel), Result(), TimeSpan.FromMilliseconds(2));
        Assert.Equal(0, recorder.Count);

        observer.OnTurn(new UserTurn("conv", "user", "is yoga safe?", "webchat"), Result(), TimeSpan.FromMilliseconds(2));
        observer.OnTurn(new UserTurn("conv", "user", "forget me", "webchat"), Result(forgotten: true), TimeSpan.FromMilliseconds(2));

        Assert.True(recorder.Reader.TryRead(out var first));
        Assert.Equal(AnalyticsKeys.Of("webchat", "conv"), first.Turn!.Conversation);
        Assert.Equal(AnalyticsKeys.Of("webchat", "user"), first.Turn.User);
        Assert.Equal(2, first.Turn.LatencyMs);
        Assert.True(recorder.Reader.TryRead(out var second));
        Assert.Null(second.Turn);
        Assert.Equal((AnalyticsKeys.Of("webchat", "conv"), AnalyticsKeys.Of("webchat", "user")), second.Forget);
    }

    [Fact]
    public async Task Maintenance_Purge_DeletesWhatIsOlderThanTheRetention()
    {
        await using var target = StoreTarget.Sqlite();
        var time = new FixedTime(Now);
        var store = target.Store(time);
        await store.MigrateAsync(CancellationToken.None);
        await store.RecordTurnAsync(Turn() with { At = Now.AddDays(-31) }, CancellationToken.None);
        await store.RecordTurnAsync(Turn() with { At = Now.AddDays(-29) }, CancellationToken.None);
        await store.RecordUnansweredAsync(new UnansweredRecord(Now.AddDays(-40), "c", "u", "webchat", "gout?", 0.1), CancellationToken.None);
        using var maintenance = new AnalyticsMaintenance(store, Options.Create(new AnalyticsOptions { RetentionDays = 30 }), time, NullLogger<AnalyticsMaintenance>.Instance);

        Assert.Equal(3, await maintenance.PurgeOnceAsync(CancellationToken.None));
        Assert.Equal(1, await target.CountAsync("turns"));
        Assert.Equal(0, await target.CountAsync("unanswered"));
    }

    [Fact]
    public async Task Maintenance_StoreThatCannotBeOpened_StopsTheStartNamingTheSettings()
    {
        var options = new AnalyticsOptions { Provider = "PostgreSQL", ConnectionString = "Host=127.0.0.1;Port=1;Timeout=2;Password=hunter2" };
        await using var database = AnalyticsServiceCollectionExtensions.CreateDatabase(options, ".");
        var store = new PainBot.Analytics.Storage.SqlAnalyticsStore(database, TimeProvider.System, NullLogger<PainBot.Analytics.Storage.SqlAnalyticsStore>.Instance);
        using var maintenance = new AnalyticsMaintenance(store, Options.Create(options), TimeProvider.System, NullLogger<AnalyticsMaintenance>.Instance);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => maintenance.StartAsync(CancellationToken.None));

        Assert.Contains("Analytics:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.False(await store.PingAsync(CancellationToken.None));
    }
}
