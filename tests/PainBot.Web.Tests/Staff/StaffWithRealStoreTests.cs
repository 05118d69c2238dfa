using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PainBot.Web.Tests.BotFramework.Support;
using PainBot.Web.Tests.DirectLine;

namespace PainBot.Web.Tests.Staff;

/// <summary>
/// End to end on the host as configured, with the real analytics store (SQLite in a throw-away folder): a Web Chat
/// thumbs-down, a Teams like with a reason and the answered turn all show up in <c>report.json</c> and the CSV.
/// </summary>
public sealed class StaffWithRealStoreTests : IDisposable
{
    private const string ServiceUrl = "http://127.0.0.1:9/";
    private readonly string _folder = Directory.CreateTempSubdirectory("painbot-staff-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Feedback_FromWebChatAndTeams_ReachesTheReport()
    {
        await using var app = new StaffApp(
            new Dictionary<string, string?>
            {
                ["Staff:ApiKey"] = StaffApp.Key,
                ["DirectLine:Secret"] = DirectLineApplication.Secret,
                ["Knowledge:Dense"] = "true",
                ["Knowledge:EmbeddingCachePath"] = Path.Combine(RepoPaths.Root, "data", "cache"),
                ["Analytics:ConnectionString"] = "Data Source=" + Path.Combine(_folder, "analytics.db"),
            },
            kestrel: true,
            realStore: true);
        using var http = app.StartKestrel();

        // Web Chat: an answer, and the dislike action it carries posted back as Web Chat posts it.
        var client = new DirectLineClient(http);
        var conversation = await client.StartAsync(DirectLineApplication.Secret);
        var id = conversation.ConversationId!;
        await client.PostAsync(id, DirectLineApplication.Secret, "does acupuncture help back pain?", "c1");
        var (set, raw) = await client.GetActivitiesAsync(id, DirectLineApplication.Secret, null);
        JsonNode dislike;
        using (raw)
        {
            var answer = raw.RootElement.GetProperty("activities").EnumerateArray()
                .Last(a => a.GetProperty("type").GetString() == "message" && a.GetProperty("from").GetProperty("role").GetString() == "bot");
            var entity = answer.GetProperty("entities").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "https://schema.org/Message");
            dislike = JsonNode.Parse(entity.GetProperty("potentialAction")[1].GetRawText())!;
        }

        var click = new JsonObject
        {
            ["type"] = "event",
            ["name"] = "webchat:activity-status/feedback",
            ["from"] = new JsonObject { ["id"] = set.Activities.First(a => a.From?.Role == "user").From!.Id, ["role"] = "user" },
            ["entities"] = new JsonArray(dislike),
        };
        using (var posted = await client.SendAsync(HttpMethod.Post, $"/conversations/{id}/activities", DirectLineApplication.Secret, click.ToJsonString()))
        {
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        // Teams: a dislike with a reason holding a phone number.
        var invoke = TestActivities.Message(ServiceUrl, "a:teams-real-store", string.Empty, "msteams", "invoke-real");
        invoke["type"] = "invoke";
        invoke["name"] = "message/submitAction";
        invoke["replyToId"] = "1700000000123";
        invoke.Remove("text");
        invoke["value"] = new JsonObject
        {
            ["actionName"] = "feedback",
            ["actionValue"] = new JsonObject { ["reaction"] = "dislike", ["feedback"] = """{"feedbackText":"missing the cost, ring me on 555-123-4567"}""" },
        };
        using (var response = await TestActivities.PostAsync(http, invoke))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Turns are written by a background queue: wait for the answered turn.
        JsonElement report = default;
        for (var i = 0; i < 100; i++)
        {
            using var request = StaffReportJsonTests.Get("/staff/report.json?days=1", StaffApp.Key);
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            if (report.GetProperty("turns").GetInt64() >= 1)
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.Equal(1, report.GetProperty("days").GetInt32());
        Assert.True(report.GetProperty("turns").GetInt64() >= 1);
        Assert.Equal(0, report.GetProperty("feedback").GetProperty("helpful").GetInt64());
        Assert.Equal(2, report.GetProperty("feedback").GetProperty("not_helpful").GetInt64());
        var reason = Assert.Single(report.GetProperty("not_helpful_reasons").EnumerateArray()).GetString();
        Assert.Contains("missing the cost", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("555-123-4567", reason, StringComparison.Ordinal);
        Assert.Contains(report.GetProperty("top_topics").EnumerateArray(), t => t.GetProperty("topic").GetString()!.Contains("acupuncture", StringComparison.Ordinal));

        using var csvRequest = StaffReportJsonTests.Get("/staff/export.csv?days=1", StaffApp.Key);
        using var csv = await http.SendAsync(csvRequest);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Equal("section,name,count,day", lines[0]);
        Assert.Contains("feedback,not_helpful,2,", lines);
    }
}
