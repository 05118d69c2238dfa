using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PainBot.Web.Staff;

namespace PainBot.Web.Tests.Staff;

/// <summary><c>GET /staff/report.json</c>: the key in a header, days validated, the contract's shape.</summary>
public sealed class StaffReportJsonTests : IClassFixture<StaffReportJsonTests.App>
{
    private readonly App _app;

    public StaffReportJsonTests(App app) => _app = app;

    [Fact]
    public async Task ReportJson_WithoutKey_Is401()
    {
        using var client = _app.Browser();
        using var response = await client.GetAsync("/staff/report.json");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ReportJson_WithWrongKey_Is403()
    {
        using var client = _app.Browser();
        using var response = await client.SendAsync(Get("/staff/report.json", StaffApp.Key + "x"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("3651")]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("7.5")]
    [InlineData("")]
    public async Task ReportJson_WithBadDays_Is400ProblemDetails(string days)
    {
        using var client = _app.Browser();
        using var response = await client.SendAsync(Get("/staff/report.json?days=" + days, StaffApp.Key));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("3650", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportJson_WithKey_HasTheContractShape()
    {
        using var client = _app.Browser();
        using var response = await client.SendAsync(Get("/staff/report.json?days=7", StaffApp.Key));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        var expected = FakeAnalyticsStore.Sample(7);
        Assert.Equal(7, root.GetProperty("days").GetInt32());
        Assert.Contains(7, _app.Store.ReportDays);
        Assert.Equal(expected.Turns, root.GetProperty("turns").GetInt64());
        Assert.Equal(["emergency", "crisis", "urgent", "med_safety"], root.GetProperty("escalations").EnumerateObject().Select(p => p.Name));
        Assert.Equal(40, root.GetProperty("escalations").GetProperty("med_safety").GetInt64());
        var first = root.GetProperty("unanswered")[0];
        Assert.Equal(["text", "count", "last"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal(expected.Unanswered[0].Text, first.GetProperty("text").GetString());
        Assert.Equal(4, first.GetProperty("count").GetInt32());
        Assert.Equal("2026-12-01", first.GetProperty("last").GetString());
        Assert.Equal(["helpful", "not_helpful"], root.GetProperty("feedback").EnumerateObject().Select(p => p.Name));
        Assert.Equal(9, root.GetProperty("feedback").GetProperty("not_helpful").GetInt64());

        // Added fields.
        Assert.Equal("physical-acupuncture", root.GetProperty("top_topics")[0].GetProperty("topic").GetString());
        var day = root.GetProperty("escalations_per_day")[0];
        Assert.Equal("2026-12-01", day.GetProperty("day").GetString());
        Assert.Equal(0, day.GetProperty("crisis").GetInt64());
        Assert.Equal(2, day.GetProperty("urgent").GetInt64());
    }

    [Fact]
    public async Task ReportJson_DefaultsTo30Days()
    {
        using var client = _app.Browser();
        using var response = await client.SendAsync(Get("/staff/report.json", StaffApp.Key));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(30, json.RootElement.GetProperty("days").GetInt32());
    }

    [Fact]
    public async Task Staff_WithoutKey_IsOff()
    {
        await using var off = new StaffApp(new Dictionary<string, string?>());
        using var client = off.Browser();
        foreach (var path in new[] { "/staff", "/staff/report.json", "/staff/export.csv" })
        {
            using var request = Get(path, "anything-at-all-here");
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public void Options_ShortKey_FailsAtStart()
    {
        using var app = new StaffApp(new Dictionary<string, string?> { ["Staff:ApiKey"] = "short" });
        var error = Assert.Throws<OptionsValidationException>(() => app.Browser());
        Assert.Contains("Staff:ApiKey", error.Message, StringComparison.Ordinal);
    }

    internal static HttpRequestMessage Get(string path, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Add(StaffEndpoints.KeyHeader, key);
        }

        return request;
    }

    /// <summary>One host for the class (starting one indexes the knowledge).</summary>
    public sealed class App : IDisposable
    {
        private readonly StaffApp _app = new();

        public FakeAnalyticsStore Store => _app.Store;

        public HttpClient Browser() => _app.Browser();

        public void Dispose() => _app.Dispose();
    }
}
