using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace PainBot.Web.Tests.Operations;

/// <summary>The OpenTelemetry SDK is added only when an OTLP endpoint is configured; otherwise nothing listens.</summary>
public sealed class TelemetryRegistrationTests
{
    [Fact]
    public void NoEndpoint_NoSdk()
    {
        using var app = new OperationsApp(new Dictionary<string, string?>());
        using var client = app.CreateClient();

        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
    }

    [Fact]
    public void EndpointConfigured_TracesAndMetricsExported()
    {
        using var app = new OperationsApp(new Dictionary<string, string?> { ["OpenTelemetry:OtlpEndpoint"] = "http://127.0.0.1:4317" });
        using var client = app.CreateClient();

        Assert.NotNull(app.Services.GetService<TracerProvider>());
        Assert.NotNull(app.Services.GetService<MeterProvider>());
    }

    [Fact]
    public void EndpointNotAUrl_HostRefusesToStart()
    {
        using var app = new OperationsApp(new Dictionary<string, string?> { ["OpenTelemetry:OtlpEndpoint"] = "no-scheme-collector" });

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("OpenTelemetry:OtlpEndpoint", error.ToString(), StringComparison.Ordinal);
    }
}
