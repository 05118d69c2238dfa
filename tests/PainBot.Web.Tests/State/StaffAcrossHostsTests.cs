using System.Net;
using PainBot.Web.Tests.Staff;

namespace PainBot.Web.Tests.State;

/// <summary>
/// The staff sign-in across two instances on one Redis: the Data Protection key ring is shared, so the antiforgery
/// token and the sign-in cookie one instance issues are accepted by the other.
/// </summary>
public sealed class StaffAcrossHostsTests(TwoHosts hosts) : IClassFixture<TwoHosts>
{
    [SkippableFact]
    public async Task SignIn_FormFromOneHost_PostedAndUsedOnTheOther_IsAccepted()
    {
        var h = await hosts.StartAsync();
        using var one = Client(h.ClientOne.Http.BaseAddress!);
        using var two = Client(h.ClientTwo.Http.BaseAddress!);
        var first = new StaffBrowser(one);

        // The form (antiforgery cookie and field) from host one, posted to host two.
        var token = await first.OpenFormAsync();
        var second = first.On(two);
        var (signedIn, _) = await second.SendAsync(HttpMethod.Post, "/staff/sign-in", [token, new("key", StaffApp.Key)]);
        Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
        Assert.True(second.HasCookie(PainBot.Web.Staff.StaffEndpoints.CookieName));

        // The cookie host two issued opens the report on host one.
        var (page, html) = await second.On(one).SendAsync(HttpMethod.Get, "/staff?days=7");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("chart-topics", html, StringComparison.Ordinal);
    }

    /// <summary>A client that neither follows redirects nor keeps cookies (the browser keeps them), so the test sees both.</summary>
    private static HttpClient Client(Uri address) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = address };
}
