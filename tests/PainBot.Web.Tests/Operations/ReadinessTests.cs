using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PainBot.Web.Tests.Operations;

/// <summary>/readyz: content loaded and every health check tagged "ready" healthy, else 503 naming the failed check.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Readyz_NoChecksRegistered_ReadyWithContentFigures()
    {
        await using var app = new OperationsApp(new Dictionary<string, string?>());
        using var client = app.ClientFrom("10.0.0.1");

        using var response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ready", body.RootElement.GetProperty("status").GetString());
        Assert.True(body.RootElement.GetProperty("passages").GetInt32() > 0);
        Assert.True(body.RootElement.TryGetProperty("generation", out _));
    }

    [Fact]
    public async Task Readyz_ReadyCheckUnhealthy_503NamingItWithoutDetails()
    {
        await using var app = new OperationsApp(new Dictionary<string, string?>(), services => services.AddHealthChecks()
            .AddCheck("redis", () => HealthCheckResult.Healthy(), tags: ["ready"])
            .AddCheck("failing-store", () => HealthCheckResult.Unhealthy("connection string secret=hunter2", new InvalidOperationException("stack detail")), tags: ["ready"])
            .AddCheck("not-for-readiness", () => HealthCheckResult.Unhealthy("ignored")));
        using var client = app.ClientFrom("10.0.0.1");

        using var response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        using var body = JsonDocument.Parse(text);
        Assert.Equal("failing-store", Assert.Single(body.RootElement.GetProperty("failed").EnumerateArray()).GetString());
        Assert.Equal("healthy", body.RootElement.GetProperty("checks").GetProperty("redis").GetString());
        Assert.False(body.RootElement.GetProperty("checks").TryGetProperty("not-for-readiness", out _));
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("stack detail", text, StringComparison.Ordinal);
    }
}
