using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace PainBot.Web.Tests.DirectLine;

public sealed class DirectLineOptionsTests
{
    [Theory]
    [InlineData("DirectLine:AllowedOrigins:0", "www.example.org", "DirectLine:AllowedOrigins")]
    [InlineData("DirectLine:Secret", "too-short", "DirectLine:Secret")]
    [InlineData("DirectLine:TokenLifetimeMinutes", "0", "DirectLine:TokenLifetimeMinutes")]
    public void BadSetting_StopsTheHostNamingTheKey(string key, string value, string named)
    {
        using var parent = new DirectLineApplication();
        using var app = parent.WithWebHostBuilder(b => b.UseSetting(key, value));

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatToken_IsRateLimitedPerClient()
    {
        using var parent = new DirectLineApplication();
        using var app = parent.WithWebHostBuilder(b => b.UseSetting("DirectLine:ChatTokenPermitsPerMinute", "2"));
        using var http = app.CreateClient();

        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await http.PostAsync(new Uri("/api/chat/token", UriKind.Relative), null);
            statuses.Add((int)response.StatusCode);
        }

        Assert.Equal([200, 200, 429], statuses);
    }
}
