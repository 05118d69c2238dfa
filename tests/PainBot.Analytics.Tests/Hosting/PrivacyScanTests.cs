using PainBot.Analytics.Tests.Support;

namespace PainBot.Analytics.Tests.Hosting;

/// <summary>
/// A scripted conversation with a name, a phone number and an e-mail address (one message of it unanswered, so it
/// reaches the unanswered table) through the real host; then the SQLite files' bytes or every PostgreSQL table, and
/// every log event from Information up, are scanned: none of the three appear, and the question is there redacted.
/// </summary>
public sealed class PrivacyScanTests
{
    private const string Name = "Marigold Featherstonehaugh";
    private const string Surname = "Featherstonehaugh";
    private const string Phone = "555-867-5309";
    private const string PhoneDigits = "8675309";
    private const string Email = "marigold.f@example.org";

    private static readonly string[] Script =
    [
        $"Hi, my name is {Name}, my phone is {Phone} and my email is {Email}",
        "does acupuncture help back pain?",
        $"I'm {Name}. Can you call me on {Phone} about yoga classes?",
        $"my email is {Email}, is tai chi safe for my knees?",
        "I want to end it all",
    ];

    [Fact]
    public Task Sqlite_NoPersonalDetailsInTheFileOrTheLogs() => ScanAsync(StoreTarget.Sqlite());

    [SkippableFact]
    public async Task Postgres_NoPersonalDetailsInAnyTableOrTheLogs() => await ScanAsync(await StoreTarget.PostgresAsync());

    private static async Task ScanAsync(StoreTarget target)
    {
        await using var _ = target;
        var settings = target.IsPostgres
            ? new Dictionary<string, string?> { ["Analytics:Provider"] = "PostgreSQL", ["Analytics:ConnectionString"] = target.ConnectionString }
            : new Dictionary<string, string?> { ["Analytics:ConnectionString"] = target.ConnectionString };
        CapturingLoggerProvider logs;
        using (var app = new AnalyticsHostApp(settings))
        {
            logs = app.Logs;
            var visitor = new DirectLineVisitor(app.CreateClient(), "visitor-privacy");
            await visitor.StartAsync();
            foreach (var message in Script)
            {
                await visitor.SayAsync(message);
            }
        }

        var stored = await target.DumpAsync();
        var logged = string.Join("\n", logs.Events.Select(e => $"{e.Level} {e.Category} {e.Text}"));

        Assert.Equal(Script.Length, await target.CountAsync("turns"));
        Assert.Contains("my name is [name], my phone is [phone] and my email is [email]", stored, StringComparison.Ordinal);
        Assert.NotEmpty(logs.Events);
        foreach (var secret in new[] { Surname, "Marigold", Phone, PhoneDigits, Email, "marigold.f" })
        {
            Assert.DoesNotContain(secret, stored, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, logged, StringComparison.OrdinalIgnoreCase);
        }
    }
}
