using System.Net;
using PainBot.Web.Staff;

namespace PainBot.Web.Tests.Staff;

/// <summary>The sign-in form of <c>/staff</c>, its cookie, sign-out, antiforgery and the wrong-key limit.</summary>
public sealed class StaffSignInTests
{
    [Fact]
    public async Task SignIn_WrongKey_IsRefusedWithoutCookie()
    {
        await using var app = new StaffApp();
        var browser = new StaffBrowser(app.Browser());

        var (response, body) = await browser.SignInAsync("not-the-staff-key-at-all");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("role=\"alert\"", body, StringComparison.Ordinal);
        Assert.False(browser.HasCookie(StaffEndpoints.CookieName));
        Assert.DoesNotContain("chart-topics", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_RightKey_SetsAStrictHttpOnlySecureCookie_AndRedirectsWithoutTheKey()
    {
        await using var app = new StaffApp();
        var browser = new StaffBrowser(app.Browser(https: true));

        var (response, _) = await browser.SignInAsync(StaffApp.Key);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/staff", response.Headers.Location?.OriginalString);
        Assert.DoesNotContain(StaffApp.Key, response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var cookie = Assert.Single(browser.LastSetCookies, c => c.StartsWith(StaffEndpoints.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/staff", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(StaffApp.Key, cookie, StringComparison.Ordinal);

        var (page, html) = await browser.SendAsync(HttpMethod.Get, "/staff?days=7");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<h2 id=\"todo-h\">", html, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"chart\" id=\"chart-topics\"", html, StringComparison.Ordinal);
        Assert.Contains("data-count=\"120\"", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"7\" selected>", html, StringComparison.Ordinal);
        Assert.Contains("/staff/export.csv?days=7", html, StringComparison.Ordinal);
        Assert.Contains("it did not say how much it costs", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"<[^>]*\son[a-z]+\s*=", html);
    }

    [Fact]
    public async Task SignIn_OverHttp_CookieIsNotSecure()
    {
        await using var app = new StaffApp();
        var browser = new StaffBrowser(app.Browser(https: false));

        await browser.SignInAsync(StaffApp.Key);

        var cookie = Assert.Single(browser.LastSetCookies, c => c.StartsWith(StaffEndpoints.CookieName + "=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignIn_WithoutAntiforgeryToken_Is400()
    {
        await using var app = new StaffApp();
        var browser = new StaffBrowser(app.Browser());
        await browser.OpenFormAsync();

        var (response, _) = await browser.SendAsync(HttpMethod.Post, "/staff/sign-in", [new("key", StaffApp.Key)]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(browser.HasCookie(StaffEndpoints.CookieName));
    }

    [Fact]
    public async Task SignIn_TokenFromAnotherBrowser_Is400()
    {
        await using var app = new StaffApp();
        var other = new StaffBrowser(app.Browser());
        var token = await other.OpenFormAsync();
        var browser = new StaffBrowser(app.Browser());

        var (response, _) = await browser.SendAsync(HttpMethod.Post, "/staff/sign-in", [token, new("key", StaffApp.Key)]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task SignIn_TooManyWrongKeys_AreRefusedEvenWithTheRightOne()
    {
        await using var app = new StaffApp(new Dictionary<string, string?> { ["Staff:ApiKey"] = StaffApp.Key, ["Staff:MaxFailedSignIns"] = "3" });
        var browser = new StaffBrowser(app.Browser());
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await browser.SignInAsync("wrong-key-number-" + i)).Response.StatusCode);
        }

        var (third, _) = await browser.SignInAsync("wrong-key-number-3");
        Assert.Equal((HttpStatusCode)429, third.StatusCode);
        Assert.NotNull(third.Headers.RetryAfter);

        var (right, body) = await browser.SignInAsync(StaffApp.Key);
        Assert.Equal((HttpStatusCode)429, right.StatusCode);
        Assert.Contains("Too many wrong keys", body, StringComparison.Ordinal);
        Assert.False(browser.HasCookie(StaffEndpoints.CookieName));

        // The header path shares the limit, so report.json is no way around it.
        using var json = await browser.Http.SendAsync(StaffReportJsonTests.Get("/staff/report.json", StaffApp.Key));
        Assert.Equal((HttpStatusCode)429, json.StatusCode);
    }

    [Fact]
    public async Task SignOut_ForgetsTheCookie()
    {
        await using var app = new StaffApp();
        var browser = new StaffBrowser(app.Browser());
        await browser.SignInAsync(StaffApp.Key);
        var (page, html) = await browser.SendAsync(HttpMethod.Get, "/staff");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        var (signedOut, _) = await browser.SendAsync(HttpMethod.Post, "/staff/sign-out", [StaffBrowser.Antiforgery(html)]);

        Assert.Equal(HttpStatusCode.SeeOther, signedOut.StatusCode);
        Assert.False(browser.HasCookie(StaffEndpoints.CookieName));
        var (_, after) = await browser.SendAsync(HttpMethod.Get, "/staff");
        Assert.Contains("action=\"/staff/sign-in\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_WhenTheStoreFails_Is503NotAStackTrace()
    {
        await using var app = new StaffApp();
        var browser = new StaffBrowser(app.Browser());
        await browser.SignInAsync(StaffApp.Key);
        app.Store.Fail = true;

        var (response, body) = await browser.SendAsync(HttpMethod.Get, "/staff");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.DoesNotContain("store down", body, StringComparison.Ordinal);
    }
}
