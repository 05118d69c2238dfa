using Microsoft.Data.Sqlite;
using PainBot.Analytics.Storage;

namespace PainBot.Analytics.Tests.Storage;

public sealed class OptionsTests
{
    [Theory]
    [InlineData("Sqlite", null, null)]
    [InlineData("sqlite", "Data Source=/tmp/x.db", null)]
    [InlineData("PostgreSQL", "Host=db;Database=painbot;Username=painbot", null)]
    [InlineData("postgresql", null, "Analytics:ConnectionString is required when Analytics:Provider is PostgreSQL")]
    [InlineData("Mongo", null, "Analytics:Provider must be Sqlite or PostgreSQL, not 'Mongo'")]
    [InlineData("1", null, "Analytics:Provider must be Sqlite or PostgreSQL")]
    [InlineData("PostgreSQL", "Hots=db", "Analytics:ConnectionString is not a valid PostgreSQL connection string")]
    [InlineData("Sqlite", "Nonsense=1", "Analytics:ConnectionString is not a valid Sqlite connection string")]
    public void Validator_NamesTheKeyThatIsWrong(string provider, string? connectionString, string? error)
    {
        var result = new AnalyticsOptionsValidator().Validate(null, new AnalyticsOptions { Provider = provider, ConnectionString = connectionString });

        if (error is null)
        {
            Assert.True(result.Succeeded, result.FailureMessage);
        }
        else
        {
            Assert.Contains(error, result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CreateDatabase_Default_IsAFileUnderDataBesideTheKnowledgeFolder()
    {
        var root = Path.Combine(Path.GetTempPath(), "painbot-root-" + Guid.NewGuid().ToString("N"));

        await using var database = AnalyticsServiceCollectionExtensions.CreateDatabase(new AnalyticsOptions(), root);
        await using var relative = AnalyticsServiceCollectionExtensions.CreateDatabase(new AnalyticsOptions { ConnectionString = "Data Source=elsewhere/a.db" }, root);

        Assert.Equal(Path.Combine(root, "data", "analytics.db"), Assert.IsType<SqliteAnalyticsDatabase>(database).FilePath);
        Assert.Equal(Path.Combine(root, "elsewhere", "a.db"), Assert.IsType<SqliteAnalyticsDatabase>(relative).FilePath);
        SqliteConnection.ClearAllPools();
    }
}
