using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PainBot.Tests.Shared;

namespace PainBot.Web.Tests.Hosting;

/// <summary>The chat page names the configured clinic and numbers, not built-in US ones.</summary>
public sealed class ChatPageTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/index.html")]
    public async Task Page_shows_the_configured_clinic_and_safety_numbers(string path)
    {
        using var app = new PageApplication(new()
        {
            ["Clinic:Name"] = "Riverside <Pain> & Spine",
            ["Safety:EmergencyNumber"] = "112",
            ["Safety:CrisisLine"] = "Samaritans on 116 123",
        });
        using var client = app.CreateClient();

        using var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Riverside &lt;Pain&gt; &amp; Spine", html, StringComparison.Ordinal);
        Assert.Contains("Call 112", html, StringComparison.Ordinal);
        Assert.Contains("Samaritans on 116 123", html, StringComparison.Ordinal);
        Assert.Contains("data-emergency-number=\"112\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("911", html, StringComparison.Ordinal);
        Assert.DoesNotContain("988", html, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Defaults_show_the_us_numbers_and_a_neutral_clinic_name()
    {
        using var app = new PageApplication([]);
        using var client = app.CreateClient();

        var html = await client.GetStringAsync("/");

        Assert.Contains("Call 911", html, StringComparison.Ordinal);
        Assert.Contains("988", html, StringComparison.Ordinal);
        Assert.Contains(">Integrative Pain Clinic<", html, StringComparison.Ordinal);
        Assert.Contains("webchat.js", html, StringComparison.Ordinal);
    }

    internal sealed class PageApplication(Dictionary<string, string> settings) : PainBotWebFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Knowledge:WatchForChanges", "false");
            builder.UseSetting("Knowledge:Dense", "false");
            builder.UseSetting("Knowledge:EmbeddingCachePath", "");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
