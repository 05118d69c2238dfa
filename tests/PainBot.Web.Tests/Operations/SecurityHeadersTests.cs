using System.Net;

namespace PainBot.Web.Tests.Operations;

/// <summary>Security headers everywhere; a content security policy on HTML pages; frame-ancestors by configuration; HSTS over HTTPS only.</summary>
public sealed class SecurityHeadersTests
{
    [Fact]
    public async Task ChatPage_DefaultPolicy_NoInlineScriptsNotFramable()
    {
        await using var app = new OperationsApp(new Dictionary<string, string?>());
        using var client = app.ClientFrom("10.0.0.1");

        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-eval'", csp, StringComparison.Ordinal);
        Assert.DoesNotMatch("script-src[^;]*'unsafe-inline'", csp);
        Assert.Contains("connect-src 'self' ws://localhost", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));

        // The page itself keeps to the policy: no inline script, no inline event handler.
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotMatch("<script(?![^>]*\\ssrc=)[^>]*>", html);
        Assert.DoesNotMatch("\\son[a-z]+\\s*=", html);
    }

    [Fact]
    public async Task ChatPage_FrameAncestorsConfigured_OnlyTheChatPageMayBeFramed()
    {
        await using var app = new OperationsApp(new Dictionary<string, string?> { ["Chat:FrameAncestors:0"] = "https://www.example-clinic.org" });
        using var client = app.ClientFrom("10.0.0.1");

        using var chat = await client.GetAsync("/");
        using var json = await client.GetAsync("/healthz");

        Assert.Contains("frame-ancestors https://www.example-clinic.org", Header(chat, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.False(chat.Headers.Contains("X-Frame-Options"));
        Assert.False(json.Headers.Contains("Content-Security-Policy"));
        Assert.Equal("nosniff", Header(json, "X-Content-Type-Options"));
    }

    [Fact]
    public void Options_FrameAncestorNotAnOrigin_HostRefusesToStart()
    {
        using var app = new OperationsApp(new Dictionary<string, string?> { ["Chat:FrameAncestors:0"] = "https://clinic.example/page; script-src *" });

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("Chat:FrameAncestors", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hsts_ProductionOverHttpsOnly()
    {
        await using var app = new OperationsApp(new Dictionary<string, string?>(), environment: "Production");
        using var https = app.ClientFrom("10.0.0.1", "https://chat.example-clinic.org/");
        using var http = app.ClientFrom("10.0.0.1", "http://chat.example-clinic.org/");

        using var secure = await https.GetAsync("/healthz");
        using var plain = await http.GetAsync("/healthz");

        Assert.True(secure.Headers.Contains("Strict-Transport-Security"));
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : string.Empty;
}
