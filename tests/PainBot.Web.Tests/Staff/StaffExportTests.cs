using System.Net;

namespace PainBot.Web.Tests.Staff;

/// <summary><c>/staff/export.csv</c>: the same sign-in as the page (or the header), RFC 4180, spreadsheet-safe.</summary>
public sealed class StaffExportTests
{
    [Fact]
    public async Task Export_NotSignedIn_Is401()
    {
        await using var app = new StaffApp();
        using var client = app.Browser();
        using var response = await client.GetAsync("/staff/export.csv?days=30");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Export_SignedIn_DownloadsTheReport()
    {
        await using var app = new StaffApp();
        var browser = new StaffBrowser(app.Browser());
        await browser.SignInAsync(StaffApp.Key);

        var (response, csv) = await browser.SendAsync(HttpMethod.Get, "/staff/export.csv?days=90");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("painbot-report-90d.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("section,name,count,day", lines[0]);
        Assert.Contains("turns,turns,1234,", lines);
        Assert.Contains("escalations,med_safety,40,", lines);
        Assert.Contains("feedback,not_helpful,9,", lines);
        Assert.Contains("escalations_per_day,med_safety,4,2026-12-03", lines);
        Assert.Contains("unanswered,\"do you take <script>alert(1)</script> insurance, [PHONE]?\",4,2026-12-01", lines);

        // A question starting with = would run as a formula in a spreadsheet.
        Assert.Contains("unanswered,\"'=cmd|' /C calc'!A0, parking\",2,2026-11-20", lines);
        Assert.Contains(90, app.Store.ReportDays);
    }

    [Fact]
    public async Task Export_WithHeaderKey_Works_AndBadDaysIs400()
    {
        await using var app = new StaffApp();
        using var client = app.Browser();
        using var ok = await client.SendAsync(StaffReportJsonTests.Get("/staff/export.csv", StaffApp.Key));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using var bad = await client.SendAsync(StaffReportJsonTests.Get("/staff/export.csv?days=99999", StaffApp.Key));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
