using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PainBot.BotFramework.DirectLine;
using PainBot.Tests.Shared;

namespace PainBot.Web.Tests.DirectLine;

/// <summary>
/// The real host over real HTTP (in-memory TestServer) with a fake bot and a hand-moved clock. Knowledge is
/// still loaded at start (BM25 only, to keep it quick) because the host refuses to start without it.
/// </summary>
public sealed class DirectLineApplication : PainBotWebFactory
{
    public const string Secret = "test-direct-line-secret-0123456789abcdef";
    public const string AllowedOrigin = "https://www.example-clinic.org";

    public ManualTimeProvider Time { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Knowledge:WatchForChanges", "false");
        builder.UseSetting("Knowledge:Dense", "false");
        builder.UseSetting("Knowledge:EmbeddingCachePath", "");
        builder.UseSetting("DirectLine:Secret", Secret);
        builder.UseSetting("DirectLine:AllowedOrigins:0", AllowedOrigin);
        builder.UseSetting("DirectLine:ChatTokenPermitsPerMinute", "1000");
        builder.UseSetting("DirectLine:MaxActivitiesPerConversation", "10");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IDirectLineBot>();
            services.AddSingleton<IDirectLineBot, FakeBot>();
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
        });
    }
}
