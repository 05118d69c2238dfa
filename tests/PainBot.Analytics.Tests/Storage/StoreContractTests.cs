using PainBot.Analytics.Storage;
using PainBot.Analytics.Tests.Support;
using PainBot.Core.Analytics;

namespace PainBot.Analytics.Tests.Storage;

/// <summary>Every member of the store, run on SQLite (<see cref="SqliteStoreTests"/>) and PostgreSQL (<see cref="PostgresStoreTests"/>).</summary>
public abstract class StoreContractTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 12, 0, 0, TimeSpan.Zero);

    protected abstract bool Postgres { get; }

    private static TurnRecord Turn(DateTimeOffset at, string level = "none", string[]? topics = null, string conversation = "c1", string user = "u1", bool unanswered = false) =>
        new(at, conversation, user, "webchat", "patient", topics ?? [], 0.7, level, level == "none" ? null : "rules", "in", "extractive", null, 12.5, unanswered);

    private static UnansweredRecord Question(DateTimeOffset at, string text, string conversation = "c1", string user = "u1") =>
        new(at, conversation, user, "webchat", text, 0.2);

    private static FeedbackRecord Verdict(DateTimeOffset at, bool helpful, string? reason = null, string conversation = "c1", string user = "u1", string? reply = null) =>
        new(at, conversation, user, "webchat", reply ?? "reply-" + Guid.NewGuid().ToString("N"), helpful, reason);

    [SkippableFact]
    public async Task Migrate_ManyInstancesAtOnceAndAgain_AppliesEachStepOnce()
    {
        await using var target = await StoreTarget.CreateAsync(Postgres);

        // Four instances starting together, each with its own connection pool, then one restarting.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => target.Store().MigrateAsync(CancellationToken.None)));
        await target.Store().MigrateAsync(CancellationToken.None);

        var versions = await target.Store().AppliedVersionsAsync(CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, SqlAnalyticsStore.LatestVersion), versions);
        foreach (var table in new[] { "turns", "turn_topics", "feedback", "unanswered" })
        {
            Assert.Equal(0, await target.CountAsync(table));
        }
    }

    [SkippableFact]
    public async Task Ping_AnswersOnlyOnceMigrated()
    {
        await using var target = await StoreTarget.CreateAsync(Postgres);
        var store = target.Store();

        Assert.False(await store.PingAsync(CancellationToken.None));
        await store.MigrateAsync(CancellationToken.None);
        Assert.True(await store.PingAsync(CancellationToken.None));
    }

    [SkippableFact]
    public async Task Report_CountsTheWindowOnly_ByLevelDayTopicAndQuestion()
    {
        await using var target = await StoreTarget.CreateAsync(Postgres);
        var store = target.Store(new FixedTime(Now));
        await store.MigrateAsync(CancellationToken.None);

        var yesterday = Now.AddDays(-1);
        var old = Now.AddDays(-40);
        await store.RecordTurnAsync(Turn(Now.AddHours(-1), topics: ["physical-acupuncture", "conditions-back-pain"]), CancellationToken.None);
        await store.RecordTurnAsync(Turn(Now.AddHours(-2), topics: ["physical-acupuncture"]), CancellationToken.None);
        await store.RecordTurnAsync(Turn(Now.AddHours(-3), "crisis"), CancellationToken.None);
        await store.RecordTurnAsync(Turn(yesterday, "crisis"), CancellationToken.None);
        await store.RecordTurnAsync(Turn(yesterday, "med_safety", ["medication-safety"]), CancellationToken.None);
        await store.RecordTurnAsync(Turn(yesterday, "emergency"), CancellationToken.None);
        await store.RecordTurnAsync(Turn(old, "urgent", ["physical-yoga"]), CancellationToken.None);

        await store.RecordUnansweredAsync(Question(Now.AddHours(-1), "Do you treat gout?"), CancellationToken.None);
        await store.RecordUnansweredAsync(Question(yesterday, "do you  treat gout"), CancellationToken.None);
        await store.RecordUnansweredAsync(Question(yesterday, "is there parking"), CancellationToken.None);
        await store.RecordUnansweredAsync(Question(old, "is there parking"), CancellationToken.None);

        await store.RecordFeedbackAsync(Verdict(Now.AddHours(-1), true), CancellationToken.None);
        await store.RecordFeedbackAsync(Verdict(Now.AddHours(-2), true), CancellationToken.None);
        await store.RecordFeedbackAsync(Verdict(Now.AddHours(-3), false, "too long"), CancellationToken.None);
        await store.RecordFeedbackAsync(Verdict(yesterday, false), CancellationToken.None);
        await store.RecordFeedbackAsync(Verdict(old, false, "old reason"), CancellationToken.None);

        var report = await store.ReportAsync(30, CancellationToken.None);

        Assert.Equal(30, report.Days);
        Assert.Equal(6, report.Turns);
        Assert.Equal(new Dictionary<string, long> { ["emergency"] = 1, ["crisis"] = 2, ["urgent"] = 0, ["med_safety"] = 1 }, report.Escalations);

        Assert.Equal(2, report.Unanswered.Count);
        Assert.Equal(2, report.Unanswered[0].Count);
        Assert.Contains("gout", report.Unanswered[0].Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(DateOnly.FromDateTime(Now.UtcDateTime), report.Unanswered[0].Last);
        Assert.Equal(new UnansweredSummary("is there parking", 1, DateOnly.FromDateTime(yesterday.UtcDateTime)), report.Unanswered[1]);

        Assert.Equal([new TopicCount("physical-acupuncture", 2), new TopicCount("conditions-back-pain", 1), new TopicCount("medication-safety", 1)], report.TopTopics);

        Assert.Equal(2, report.EscalationsPerDay.Count);
        var first = report.EscalationsPerDay[0];
        Assert.Equal(DateOnly.FromDateTime(yesterday.UtcDateTime), first.Day);
        Assert.Equal(new Dictionary<string, long> { ["emergency"] = 1, ["crisis"] = 1, ["urgent"] = 0, ["med_safety"] = 1 }, first.Levels);
        Assert.Equal(1, report.EscalationsPerDay[1].Levels["crisis"]);
        Assert.Equal(0, report.EscalationsPerDay[1].Levels["emergency"]);

        Assert.Equal(2, report.Helpful);
        Assert.Equal(2, report.NotHelpful);
        Assert.Equal(["too long"], report.NotHelpfulReasons);

        var all = await store.ReportAsync(60, CancellationToken.None);
        Assert.Equal(7, all.Turns);
        Assert.Equal(1, all.Escalations["urgent"]);
        Assert.Equal(2, all.Unanswered.Single(u => u.Text == "is there parking").Count);
    }

    [SkippableFact]
    public async Task Report_EmptyStore_GivesZerosForEveryLevel()
    {
        await using var target = await StoreTarget.CreateAsync(Postgres);
        var store = target.Store();
        await store.MigrateAsync(CancellationToken.None);

        var report = await store.ReportAsync(30, CancellationToken.None);

        Assert.Equal(0, report.Turns);
        Assert.Equal(["emergency", "crisis", "urgent", "med_safety"], report.Escalations.Keys);
        Assert.All(report.Escalations.Values, v => Assert.Equal(0, v));
        Assert.Empty(report.Unanswered);
        Assert.Empty(report.TopTopics);
        Assert.Empty(report.EscalationsPerDay);
        Assert.Empty(report.NotHelpfulReasons);
    }

    [SkippableFact]
    public async Task Record_PersonalDetailsInText_AreRedactedByTheStoreItself()
    {
        await using var target = await StoreTarget.CreateAsync(Postgres);
        var store = target.Store(new FixedTime(Now));
        await store.MigrateAsync(CancellationToken.None);

        await store.RecordUnansweredAsync(Question(Now, "my name is Zelda Quorn, call 555-867-5309 or zq@example.org about gout"), CancellationToken.None);
        await store.RecordFeedbackAsync(Verdict(Now, false, "email me at zq@example.org"), CancellationToken.None);

        var dump = await target.DumpAsync();
        Assert.DoesNotContain("Zelda", dump, StringComparison.Ordinal);
        Assert.DoesNotContain("867-5309", dump, StringComparison.Ordinal);
        Assert.DoesNotContain("zq@example.org", dump, StringComparison.Ordinal);
        var report = await store.ReportAsync(1, CancellationToken.None);
        Assert.Equal("my name is [name], call [phone] or [email] about gout", Assert.Single(report.Unanswered).Text);
        Assert.Equal(["email me at [email]"], report.NotHelpfulReasons);
    }

    [SkippableFact]
    public async Task Purge_DeletesOnlyRowsBeforeTheCutoff_InEveryTable()
    {
        await using var target = await StoreTarget.CreateAsync(Postgres);
        var store = target.Store(new FixedTime(Now));
        await store.MigrateAsync(CancellationToken.None);
        var old = Now.AddDays(-100);
        foreach (var at in new[] { old, Now })
        {
            await store.RecordTurnAsync(Turn(at, topics: ["physical-yoga", "physical-tai-chi"]), CancellationToken.None);
            await store.RecordUnansweredAsync(Question(at, "gout?"), CancellationToken.None);
            await store.RecordFeedbackAsync(Verdict(at, true), CancellationToken.None);
        }

        var deleted = await store.PurgeAsync(Now.AddDays(-90), CancellationToken.None);

        Assert.Equal(5, deleted);
        Assert.Equal(1, await target.CountAsync("turns"));
        Assert.Equal(2, await target.CountAsync("turn_topics"));
        Assert.Equal(1, await target.CountAsync("unanswered"));
        Assert.Equal(1, await target.CountAsync("feedback"));
        Assert.Equal(0, await store.PurgeAsync(Now.AddDays(-90), CancellationToken.None));
    }

    [SkippableFact]
    public async Task Forget_DeletesTheConversationsAndTheUsersRows_Everywhere_AndNobodyElses()
    {
        await using var target = await StoreTarget.CreateAsync(Postgres);
        var store = target.Store(new FixedTime(Now));
        await store.MigrateAsync(CancellationToken.None);
        var me = (Conversation: AnalyticsKeys.Of("webchat", "conv-me"), User: AnalyticsKeys.Of("webchat", "user-me"));
        var myOtherConversation = AnalyticsKeys.Of("webchat", "conv-me-earlier");
        var other = (Conversation: AnalyticsKeys.Of("webchat", "conv-other"), User: AnalyticsKeys.Of("webchat", "user-other"));
        foreach (var (conversation, user) in new[] { me, (myOtherConversation, me.User), other })
        {
            await store.RecordTurnAsync(Turn(Now, topics: ["physical-yoga"], conversation: conversation, user: user), CancellationToken.None);
            await store.RecordUnansweredAsync(Question(Now, "gout?", conversation, user), CancellationToken.None);
            await store.RecordFeedbackAsync(Verdict(Now, false, "no", conversation, user), CancellationToken.None);
        }

        var deleted = await store.ForgetAsync(me.Conversation, me.User, CancellationToken.None);

        Assert.Equal(8, deleted);
        foreach (var table in new[] { "turns", "turn_topics", "feedback", "unanswered" })
        {
            Assert.Equal(1, await target.CountAsync(table));
        }

        var dump = await target.DumpAsync();
        Assert.DoesNotContain(me.Conversation, dump, StringComparison.Ordinal);
        Assert.DoesNotContain(me.User, dump, StringComparison.Ordinal);
        Assert.DoesNotContain(myOtherConversation, dump, StringComparison.Ordinal);
        Assert.Contains(other.User, dump, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task RecordFeedback_ChangedThumb_KeepsOnlyTheLatestVerdictPerAnswer()
    {
        await using var target = await StoreTarget.CreateAsync(Postgres);
        var store = target.Store(new FixedTime(Now));
        await store.MigrateAsync(CancellationToken.None);

        await store.RecordFeedbackAsync(Verdict(Now.AddMinutes(-3), true, reply: "r1"), CancellationToken.None);
        await store.RecordFeedbackAsync(Verdict(Now.AddMinutes(-2), false, "not what I asked", reply: "r1"), CancellationToken.None);
        await store.RecordFeedbackAsync(Verdict(Now.AddMinutes(-5), true, reply: "r1"), CancellationToken.None); // arrived late: older
        await store.RecordFeedbackAsync(Verdict(Now.AddMinutes(-1), true, reply: "r2"), CancellationToken.None);
        await store.RecordFeedbackAsync(Verdict(Now.AddMinutes(-1), true, conversation: "c2", reply: "r1"), CancellationToken.None);

        var report = await store.ReportAsync(1, CancellationToken.None);
        Assert.Equal(2, report.Helpful);
        Assert.Equal(1, report.NotHelpful);
        Assert.Equal(["not what I asked"], report.NotHelpfulReasons);
        Assert.Equal(3, await target.CountAsync("feedback"));
    }

    [SkippableFact]
    public async Task Migrate_FromVersion1_KeepsTheLatestVerdictPerAnswer()
    {
        await using var target = await StoreTarget.CreateAsync(Postgres);
        var store = target.Store(new FixedTime(Now));
        await store.MigrateToAsync(1, CancellationToken.None);
        foreach (var (minutes, helpful, reply) in new[] { (-3, true, "r1"), (-2, false, "r1"), (-1, true, (string?)null), (-1, false, (string?)null) })
        {
            await target.ExecuteAsync(
                "INSERT INTO feedback (id, at_ms, conversation_key, user_key, channel, reply_id, helpful, reason) VALUES ('" + Guid.NewGuid().ToString("N") + "', "
                + Now.AddMinutes(minutes).ToUnixTimeMilliseconds() + ", 'c1', 'u1', 'webchat', " + (reply is null ? "NULL" : "'" + reply + "'") + ", " + (helpful ? 1 : 0) + ", NULL)");
        }

        await store.MigrateAsync(CancellationToken.None);

        var report = await store.ReportAsync(1, CancellationToken.None);
        Assert.Equal(1, report.Helpful);
        Assert.Equal(2, report.NotHelpful);
        await store.RecordFeedbackAsync(Verdict(Now, true, reply: "r1"), CancellationToken.None);
        Assert.Equal(2, (await store.ReportAsync(1, CancellationToken.None)).Helpful);
        Assert.Equal(3, await target.CountAsync("feedback"));
    }

    [SkippableFact]
    public async Task RecordTurn_KeepsEveryField()
    {
        await using var target = await StoreTarget.CreateAsync(Postgres);
        var store = target.Store(new FixedTime(Now));
        await store.MigrateAsync(CancellationToken.None);
        var turn = new TurnRecord(Now, "conv-key", "user-key", "msteams", "staff", ["physical-yoga"], 0.625, "med_safety", "learned_screen", "in", "generated", "timeout", 321.5, Unanswered: true);

        await store.RecordTurnAsync(turn, CancellationToken.None);

        await using var connection = await store.Database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT at_ms, conversation_key, user_key, channel, audience, confidence, safety_level, safety_layer, scope, composer, fallback, latency_ms, unanswered FROM turns";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(Now.ToUnixTimeMilliseconds(), reader.GetInt64(0));
        Assert.Equal(["conv-key", "user-key", "msteams", "staff"], Enumerable.Range(1, 4).Select(reader.GetString));
        Assert.Equal(0.625, reader.GetDouble(5));
        Assert.Equal(["med_safety", "learned_screen", "in", "generated", "timeout"], Enumerable.Range(6, 5).Select(reader.GetString));
        Assert.Equal(321.5, reader.GetDouble(11));
        Assert.Equal(1, reader.GetInt32(12));
        Assert.False(await reader.ReadAsync());
    }
}
