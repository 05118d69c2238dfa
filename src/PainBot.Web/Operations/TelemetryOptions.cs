using System.ComponentModel.DataAnnotations;

namespace PainBot.Web.Operations;

/// <summary>
/// Where traces and metrics go (section "OpenTelemetry"). Nothing is exported unless an OTLP endpoint is set here
/// or in the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> environment variable.
/// </summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string SectionName = "OpenTelemetry";

    /// <summary>The OTLP collector, e.g. <c>http://localhost:4317</c> (gRPC) or <c>http://localhost:4318</c> with protocol http/protobuf. Empty: no export.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    [RegularExpression("^(grpc|http/protobuf)$", ErrorMessage = "OpenTelemetry:OtlpProtocol must be 'grpc' or 'http/protobuf'.")]
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>The service.name resource attribute.</summary>
    [Required]
    public string ServiceName { get; set; } = "painbot";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(OtlpEndpoint) && !Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out _))
        {
            yield return new ValidationResult("OpenTelemetry:OtlpEndpoint must be an absolute URL or empty.", [nameof(OtlpEndpoint)]);
        }
    }
}
