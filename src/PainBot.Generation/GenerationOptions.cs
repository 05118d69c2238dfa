using System.ComponentModel.DataAnnotations;

namespace PainBot.Generation;

/// <summary>
/// The optional language model (section "Generation"). Nothing is registered unless <see cref="Enabled"/> is
/// true and both <see cref="Endpoint"/> and <see cref="Model"/> are set: no configuration, no model.
/// </summary>
public sealed class GenerationOptions : IValidatableObject
{
    public const string SectionName = "Generation";

    /// <summary>Turns the model on. Off by default.</summary>
    public bool Enabled { get; set; }

    /// <summary>OpenAI (also OpenAI-compatible local servers) or AzureOpenAI.</summary>
    public GenerationProvider Provider { get; set; } = GenerationProvider.OpenAI;

    /// <summary>
    /// Base address. OpenAI-compatible: up to and including <c>/v1</c> (for example
    /// <c>http://127.0.0.1:11434/v1</c> for Ollama); Azure OpenAI: the resource address.
    /// </summary>
    [Url]
    public string? Endpoint { get; set; }

    /// <summary>The model name (Azure OpenAI: the deployment name).</summary>
    public string? Model { get; set; }

    /// <summary>The API key. Local servers usually need none; keep real keys out of files (use PAINBOT_Generation__ApiKey).</summary>
    public string? ApiKey { get; set; }

    /// <summary>The whole budget of one model call, retries included; past it the extractive answer is used.</summary>
    [Range(100, 120_000)]
    public int TimeoutMilliseconds { get; set; } = 8000;

    /// <summary>Retries after a transient failure (HTTP 408, 429, 5xx, connection errors), within the timeout.</summary>
    [Range(0, 5)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>The first retry's delay; later ones back off exponentially with jitter.</summary>
    [Range(0, 10_000)]
    public int RetryDelayMilliseconds { get; set; } = 250;

    /// <summary>Share of failed calls, within <see cref="CircuitBreakerSamplingSeconds"/>, that opens the circuit.</summary>
    [Range(0.01, 1.0)]
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Calls needed in the sampling window before the circuit can open.</summary>
    [Range(2, 1000)]
    public int CircuitBreakerMinimumCalls { get; set; } = 6;

    /// <summary>The window over which failures are counted.</summary>
    [Range(1, 3600)]
    public int CircuitBreakerSamplingSeconds { get; set; } = 60;

    /// <summary>How long an open circuit sends every answer straight to the extractive composer.</summary>
    [Range(1, 3600)]
    public int CircuitBreakerBreakSeconds { get; set; } = 30;

    /// <summary>The folder of the prompt files (Semantic Kernel YAML), relative to the working directory.</summary>
    [Required]
    public string PromptsPath { get; set; } = "prompts";

    /// <summary>How many of the retrieved passages (best first) the model is given.</summary>
    [Range(1, 8)]
    public int MaxPassages { get; set; } = 4;

    /// <summary>Whether the options name a model at all.</summary>
    public bool IsConfigured => Enabled && !string.IsNullOrWhiteSpace(Endpoint) && !string.IsNullOrWhiteSpace(Model);

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled && Provider == GenerationProvider.AzureOpenAI && string.IsNullOrWhiteSpace(ApiKey))
        {
            yield return new ValidationResult("Generation:ApiKey is required for Azure OpenAI.", [nameof(ApiKey)]);
        }

        if (Endpoint is not null && Endpoint.Length > 0 && !Endpoint.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            && !Endpoint.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult("Generation:Endpoint must be an http or https address.", [nameof(Endpoint)]);
        }
    }
}
