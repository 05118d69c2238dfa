using Microsoft.Extensions.DependencyInjection;
using PainBot.Analytics.Storage;
using PainBot.Core.Analytics;
using PainBot.Tests.Shared;
using PainBot.Web.Tests.BotFramework.Support;
using PainBot.Web.Tests.DirectLine;
using PainBot.Web.Tests.Staff;

namespace PainBot.Web.Tests.Hosting;

/// <summary>Every test host writes its analytics to a temporary file removed on dispose, never to the repository's data folder.</summary>
public sealed class ThrowAwayAnalyticsTests
{
    public static TheoryData<string> Hosts => new() { "direct-line", "staff", "staff-real-store", "bot", "page" };

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task TestHost_AnalyticsDatabase_IsATemporaryFileRemovedOnDispose(string kind)
    {
        string file;
        var app = Create(kind);
        await using (app)
        {
            if (app is BotApp bot)
            {
                bot.Start().Dispose();
            }
            else
            {
                app.CreateClient().Dispose();
            }

            var database = Assert.IsType<SqliteAnalyticsDatabase>(app.Services.GetRequiredService<AnalyticsDatabase>());
            file = database.FilePath;
            Assert.StartsWith(app.AnalyticsFolder + Path.DirectorySeparatorChar, file, StringComparison.Ordinal);
            Assert.False(file.StartsWith(RepoPaths.Root, StringComparison.Ordinal), file);
            if (app.Services.GetRequiredService<IAnalyticsStore>() is SqlAnalyticsStore)
            {
                Assert.True(File.Exists(file), "the schema is migrated at start into the temporary file");
            }
        }

        Assert.False(File.Exists(file));
        Assert.False(Directory.Exists(Path.GetDirectoryName(file)));
    }

    private static PainBotWebFactory Create(string kind) => kind switch
    {
        "direct-line" => new DirectLineApplication(),
        "staff" => new StaffApp(),
        "staff-real-store" => new StaffApp(realStore: true),
        "bot" => new BotApp(new Dictionary<string, string?>()),
        _ => new ChatPageTests.PageApplication([]),
    };
}
