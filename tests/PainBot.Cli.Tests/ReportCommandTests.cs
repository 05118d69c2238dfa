using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using PainBot.Analytics.Storage;
using PainBot.Core.Analytics;

namespace PainBot.Cli.Tests;

/// <summary><c>report</c> reads the configured store and prints the staff report (CONTRACTS.md section 3) as JSON or CSV.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "painbot-report-" + Guid.NewGuid().ToString("N"));

    private string ConnectionString => "Data Source=" + Path.Combine(_folder, "analytics.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task SeedAsync()
    {
        Directory.CreateDirectory(_folder);
        await using var database = new SqliteAnalyticsDatabase(ConnectionString);
        var store = new SqlAnalyticsStore(database, TimeProvider.System, NullLogger<SqlAnalyticsStore>.Instance);
        await store.MigrateAsync(CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        foreach (var (daysAgo, level) in new[] { (0, "none"), (1, "crisis"), (2, "med_safety"), (20, "emergency") })
        {
            await store.RecordTurnAsync(new TurnRecord(now.AddDays(-daysAgo), "c", "u", "webchat", "patient", ["physical-yoga"], 0.8, level, level == "none" ? null : "rules", "in", "extractive", null, 4, false), CancellationToken.None);
        }

        await store.RecordUnansweredAsync(new UnansweredRecord(now, "c", "u", "webchat", "=do you treat gout, \"really\"?", 0.1), CancellationToken.None);
        await store.RecordFeedbackAsync(new FeedbackRecord(now, "c", "u", "webchat", "r1", true, null), CancellationToken.None);
        await store.RecordFeedbackAsync(new FeedbackRecord(now, "c", "u", "webchat", "r2", false, "too long"), CancellationToken.None);
    }

    private async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var settings = TestSettings.Default;
        settings["Analytics:ConnectionString"] = ConnectionString;
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, TextReader.Null, output, error, settings);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Report_Json_HasTheContractsFieldsForTheWindow()
    {
        await SeedAsync();

        var (code, stdout, _) = await RunAsync("report", "--days", "7");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(["days", "turns", "escalations", "unanswered", "feedback"], root.EnumerateObject().Select(p => p.Name).Take(5));
        Assert.Equal(7, root.GetProperty("days").GetInt32());
        Assert.Equal(3, root.GetProperty("turns").GetInt64());
        Assert.Equal("""{"emergency":0,"crisis":1,"urgent":0,"med_safety":1}""", JsonSerializer.Serialize(root.GetProperty("escalations")));
        var question = Assert.Single(root.GetProperty("unanswered").EnumerateArray().ToList());
        Assert.Equal("=do you treat gout, \"really\"?", question.GetProperty("text").GetString());
        Assert.Equal(1, question.GetProperty("count").GetInt32());
        Assert.Equal(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), question.GetProperty("last").GetString());
        Assert.Equal(1, root.GetProperty("feedback").GetProperty("helpful").GetInt64());
        Assert.Equal(1, root.GetProperty("feedback").GetProperty("not_helpful").GetInt64());
        Assert.Equal(3, root.GetProperty("top_topics")[0].GetProperty("turns").GetInt64());
        Assert.Equal(2, root.GetProperty("escalations_per_day").GetArrayLength());
        Assert.Equal("too long", root.GetProperty("not_helpful_reasons")[0].GetString());
    }

    [Fact]
    public async Task Report_Csv_OneRowPerFigure_QuotedAndSafeForSpreadsheets()
    {
        await SeedAsync();

        var (code, stdout, _) = await RunAsync("report", "--csv", "--days", "30");

        Assert.Equal(0, code);
        var lines = stdout.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("section,name,count,day", lines[0]);
        Assert.Contains("turns,turns,4,", lines);
        Assert.Contains("escalations,emergency,1,", lines);
        Assert.Contains($"unanswered,\"'=do you treat gout, \"\"really\"\"?\",1,{DateTime.UtcNow:yyyy-MM-dd}", lines);
        Assert.Contains("feedback,not_helpful,1,", lines);
    }

    [Theory]
    [InlineData("--days", "0")]
    [InlineData("--days", "many")]
    [InlineData("--weeks", "2")]
    public async Task Report_BadArguments_ExitTwoWithAMessage(string flag, string value)
    {
        Directory.CreateDirectory(_folder);

        var (code, stdout, stderr) = await RunAsync("report", flag, value);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.StartsWith("painbot: ", stderr, StringComparison.Ordinal);
    }
}
