using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using PainBot.Analytics.Storage;
using PainBot.Core.Analytics;
using PainBot.Web.Tests.BotFramework.Support;

namespace PainBot.Web.Tests.Staff;

/// <summary>
/// Activities without a user id (allowed by the protocol) in two conversations: their analytics user keys differ,
/// and one visitor's "forget me" leaves the other conversation's rows alone.
/// </summary>
public sealed class AnonymousVisitorTests : IDisposable
{
    private const string ServiceUrl = "http://127.0.0.1:9/";
    private readonly string _folder = Directory.CreateTempSubdirectory("painbot-anonymous-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task VisitorsWithoutUserId_GetDistinctKeys_AndForgetMeKeepsTheOtherConversation()
    {
        var connectionString = "Data Source=" + Path.Combine(_folder, "analytics.db");
        await using (var app = new StaffApp(new Dictionary<string, string?> { ["Analytics:ConnectionString"] = connectionString }, kestrel: true, realStore: true))
        {
            using var http = app.StartKestrel();
            await SayAsync(http, "anon-conversation-a", "does acupuncture help back pain?");
            await SayAsync(http, "anon-conversation-b", "does acupuncture help back pain?");
            await SayAsync(http, "anon-conversation-a", "forget me");
        }

        // Stopping the host flushed the queue; read what is left.
        var database = new SqliteAnalyticsDatabase(connectionString);
        await using (database)
        {
            var store = new SqlAnalyticsStore(database, TimeProvider.System, NullLogger<SqlAnalyticsStore>.Instance);
            Assert.Equal(1, (await store.ReportAsync(1, CancellationToken.None)).Turns);
            await using var connection = await database.OpenAsync(CancellationToken.None);
            await using var query = connection.CreateCommand();
            query.CommandText = "SELECT conversation_key, user_key FROM turns";
            await using var reader = await query.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(AnalyticsKeys.Of("webchat", "anon-conversation-b"), reader.GetString(0));
            Assert.NotEqual(AnalyticsKeys.Of("webchat", "anon-conversation-a"), reader.GetString(1));
            Assert.NotEqual(AnalyticsKeys.Of("webchat", "anonymous"), reader.GetString(1));
        }
    }

    private static async Task SayAsync(HttpClient http, string conversationId, string text)
    {
        JsonObject activity = TestActivities.Message(ServiceUrl, conversationId, text);
        activity.Remove("from");
        activity["deliveryMode"] = "expectReplies";
        using var response = await TestActivities.PostAsync(http, activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
