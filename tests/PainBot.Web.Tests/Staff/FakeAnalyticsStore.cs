using System.Collections.Concurrent;
using PainBot.Core.Analytics;

namespace PainBot.Web.Tests.Staff;

/// <summary>An analytics store in a list: returns <see cref="Report"/> (with the days asked for) and keeps feedback.</summary>
public sealed class FakeAnalyticsStore : IAnalyticsStore
{
    public ConcurrentQueue<FeedbackRecord> Feedback { get; } = new();

    public ConcurrentQueue<int> ReportDays { get; } = new();

    public AnalyticsReport Report { get; set; } = Sample(30);

    public bool Fail { get; set; }

    /// <summary>A report with something in every part, including text that must be encoded.</summary>
    public static AnalyticsReport Sample(int days) => new(
        days,
        1234,
        Levels(emergency: 3, crisis: 5, urgent: 12, medSafety: 40),
        [
            new UnansweredSummary("do you take <script>alert(1)</script> insurance, [PHONE]?", 4, new DateOnly(2026, 12, 1)),
            new UnansweredSummary("=cmd|' /C calc'!A0, parking", 2, new DateOnly(2026, 11, 20)),
        ],
        80,
        9,
        [new TopicCount("physical-acupuncture", 120), new TopicCount("mind-body-yoga", 45)],
        [
            new DailyEscalations(new DateOnly(2026, 12, 1), Levels(emergency: 1, urgent: 2)),
            new DailyEscalations(new DateOnly(2026, 12, 3), Levels(medSafety: 4)),
        ],
        ["it did not say how much it costs"]);

    /// <summary>Every level present, as the real store reports them.</summary>
    public static Dictionary<string, long> Levels(long emergency = 0, long crisis = 0, long urgent = 0, long medSafety = 0) =>
        new() { ["emergency"] = emergency, ["crisis"] = crisis, ["urgent"] = urgent, ["med_safety"] = medSafety };

    public Task MigrateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RecordTurnAsync(TurnRecord turn, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RecordFeedbackAsync(FeedbackRecord feedback, CancellationToken cancellationToken)
    {
        if (Fail)
        {
            throw new InvalidOperationException("store down");
        }

        Feedback.Enqueue(feedback);
        return Task.CompletedTask;
    }

    public Task RecordUnansweredAsync(UnansweredRecord question, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<AnalyticsReport> ReportAsync(int days, CancellationToken cancellationToken)
    {
        if (Fail)
        {
            throw new InvalidOperationException("store down");
        }

        ReportDays.Enqueue(days);
        return Task.FromResult(Report with { Days = days });
    }

    public Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken) => Task.FromResult(0);

    public Task<int> ForgetAsync(string conversation, string user, CancellationToken cancellationToken) => Task.FromResult(0);

    public Task<bool> PingAsync(CancellationToken cancellationToken) => Task.FromResult(!Fail);
}
