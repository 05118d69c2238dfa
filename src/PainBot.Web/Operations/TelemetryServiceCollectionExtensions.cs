using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PainBot.Core.Telemetry;

namespace PainBot.Web.Operations;

/// <summary>OpenTelemetry for the host: PainBot's own spans and instruments plus ASP.NET Core and HttpClient, exported over OTLP.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The standard environment variable the OTLP exporter reads.</summary>
    public const string StandardEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Adds the OpenTelemetry SDK when an OTLP endpoint is configured (<c>OpenTelemetry:OtlpEndpoint</c> or
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>); otherwise nothing listens and the instruments cost next to nothing.
    /// No console exporter: logs stay the place for people, OTLP the place for machines.
    /// </summary>
    public static IServiceCollection AddPainBotTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        // Whether to add the SDK at all is decided now, as for the language model; the values are validated at start.
        var section = configuration.GetSection(TelemetryOptions.SectionName);
        var endpoint = section[nameof(TelemetryOptions.OtlpEndpoint)];
        if (string.IsNullOrWhiteSpace(endpoint) && string.IsNullOrWhiteSpace(configuration[StandardEndpointVariable]))
        {
            return services;
        }

        var httpProtobuf = section[nameof(TelemetryOptions.OtlpProtocol)] == "http/protobuf";

        // An endpoint in our section wins over the environment's; without one the exporter reads OTEL_* itself.
        // Set in code, an http/protobuf endpoint needs the signal's path.
        void Export(OtlpExporterOptions otlp, string signalPath)
        {
            if (string.IsNullOrWhiteSpace(endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
            {
                return;
            }

            otlp.Protocol = httpProtobuf ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
            otlp.Endpoint = httpProtobuf ? new Uri(new Uri(uri.AbsoluteUri.TrimEnd('/') + "/"), signalPath) : uri;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(section[nameof(TelemetryOptions.ServiceName)] is { Length: > 0 } name ? name : new TelemetryOptions().ServiceName))
            .WithTracing(tracing => tracing
                .AddSource(PainBotTelemetry.Name)
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbe(http.Request.Path))
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(o => Export(o, "v1/traces")))
            .WithMetrics(metrics => metrics
                .AddMeter(PainBotTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(o => Export(o, "v1/metrics")));
        return services;
    }

    private static bool IsProbe(PathString path) => path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz");
}
