using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using PainBot.Core.Composition;
using PainBot.Generation.Grounding;
using PainBot.Generation.Prompts;
using Polly;

namespace PainBot.Generation;

/// <summary>Registration of the optional language model.</summary>
public static class GenerationServiceCollectionExtensions
{
    /// <summary>The named HttpClient that carries model calls, with retries and a circuit breaker.</summary>
    public const string HttpClientName = "PainBot.Generation";

    /// <summary>Service key of the embedder the grounding check uses (full precision).</summary>
    public const string GroundingEmbedderKey = "PainBot.Generation.Grounding";

    /// <summary>
    /// Adds the verifying model composer as <see cref="IAnswerComposer"/> when the "Generation" section turns a
    /// model on (call before <c>AddPainBotDialog</c>, whose extractive composer is only a default). Reads the
    /// section from the <see cref="IConfiguration"/> the host registered. Registers nothing when the section is
    /// absent or <c>Enabled</c> is false.
    /// </summary>
    public static IServiceCollection AddPainBotGeneration(this IServiceCollection services)
    {
        var configuration = services.LastOrDefault(d => d.ServiceType == typeof(IConfiguration))?.ImplementationInstance as IConfiguration
            ?? throw new InvalidOperationException("AddPainBotGeneration() needs the host's IConfiguration registered; pass it with AddPainBotGeneration(configuration).");
        return services.AddPainBotGeneration(configuration);
    }

    /// <summary>As <see cref="AddPainBotGeneration(IServiceCollection)"/>, with the configuration given.</summary>
    public static IServiceCollection AddPainBotGeneration(this IServiceCollection services, IConfiguration configuration)
    {
        // Whether to register anything at all is decided from configuration now; the values themselves are bound
        // and validated by the options system at start.
        var section = configuration.GetSection(GenerationOptions.SectionName);
        if (!section.GetValue<bool>(nameof(GenerationOptions.Enabled)))
        {
            return services;
        }

        services.AddOptions<GenerationOptions>()
            .BindConfiguration(GenerationOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => !string.IsNullOrWhiteSpace(o.Endpoint), "Generation:Endpoint is required when Generation:Enabled is true.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Model), "Generation:Model is required when Generation:Enabled is true.")
            .Validate(o => Directory.Exists(PainBot.Knowledge.KnowledgeOptions.Resolve(o.PromptsPath)), "Generation:PromptsPath must name the folder of the prompt files.")
            .ValidateOnStart();

        services.AddHttpClient(HttpClientName).AddResilienceHandler("model", AddResilience);
        services.AddSingleton<GenerationStats>();
        // Grounding checks a model's sentences against the passages by meaning. Its thresholds were fitted with the
        // encoder at full precision, and with a model configured the model's reply takes far longer than these few
        // sentence embeddings, so the check keeps full precision even when retrieval runs the quantized encoder.
        services.AddKeyedSingleton<Knowledge.Embeddings.ITextEmbedder>(GroundingEmbedderKey, (sp, _) =>
            sp.GetRequiredService<Knowledge.Embeddings.ITextEmbedder>() is Knowledge.Embeddings.MiniLmEmbedder { Precision: not Knowledge.Embeddings.EmbeddingPrecision.Full }
                ? new Knowledge.Embeddings.MiniLmEmbedder(Knowledge.Embeddings.EmbeddingPrecision.Full)
                : new SharedEmbedder(sp.GetRequiredService<Knowledge.Embeddings.ITextEmbedder>()));
        services.AddSingleton(sp => new SupportScorer(sp.GetRequiredKeyedService<Knowledge.Embeddings.ITextEmbedder>(GroundingEmbedderKey)));
        services.AddSingleton(sp => new GroundingVerifier(sp.GetRequiredService<SupportScorer>(), SupportThresholds.Default));
        services.AddSingleton(CreateKernel);
        services.AddSingleton<FollowUpCondenser>();
        services.AddSingleton<GroundedComposer>();
        services.AddSingleton<IAnswerComposer>(sp => sp.GetRequiredService<GroundedComposer>());
        return services;
    }

    /// <summary>The retrieval embedder, lent to grounding without passing ownership (the container disposes it once).</summary>
    private sealed class SharedEmbedder(Knowledge.Embeddings.ITextEmbedder inner) : Knowledge.Embeddings.ITextEmbedder
    {
        public string ModelId => inner.ModelId;

        public int Dimensions => inner.Dimensions;

        public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) => inner.Embed(texts, cancellationToken);
    }

    private static void AddResilience(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<GenerationOptions>>().Value;
        var budget = TimeSpan.FromMilliseconds(options.TimeoutMilliseconds);

        // The whole call, retries included, ends at the composer's deadline even when the client up the stack does
        // not pass the composer's cancellation down: the request is cancelled here, so no abandoned call lingers
        // (the pipeline waits up to 30 s for calls in flight when it is disposed, which held `ask` at exit).
        builder.AddTimeout(budget + TimeSpan.FromMilliseconds(250));

        // Retries stay inside the composer's deadline: a Retry-After longer than a quarter of it is not waited for.
        builder.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(1, options.MaxRetries),
            ShouldHandle = options.MaxRetries == 0 ? _ => PredicateResult.False() : new HttpRetryStrategyOptions().ShouldHandle,
            Delay = TimeSpan.FromMilliseconds(options.RetryDelayMilliseconds),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            MaxDelay = budget / 4,
        });
        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = options.CircuitBreakerFailureRatio,
            MinimumThroughput = options.CircuitBreakerMinimumCalls,
            SamplingDuration = TimeSpan.FromSeconds(options.CircuitBreakerSamplingSeconds),
            BreakDuration = TimeSpan.FromSeconds(options.CircuitBreakerBreakSeconds),
        });
    }

    private static GenerationKernel CreateKernel(IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<GenerationOptions>>().Value;
        var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);

        // The composer owns the deadline; the client's own timeout must not cut in first with a different error.
        http.Timeout = Timeout.InfiniteTimeSpan;
        var builder = Kernel.CreateBuilder();
        var endpoint = new Uri(options.Endpoint!);
        if (options.Provider == GenerationProvider.AzureOpenAI)
        {
            builder.AddAzureOpenAIChatCompletion(options.Model!, endpoint.ToString(), options.ApiKey!, httpClient: http);
        }
        else
        {
            // Local OpenAI-compatible servers take any key; the client insists on one.
            builder.AddOpenAIChatCompletion(options.Model!, endpoint, string.IsNullOrWhiteSpace(options.ApiKey) ? "none" : options.ApiKey, httpClient: http);
        }

        return new GenerationKernel(builder.Build(), PromptLibrary.Load(PainBot.Knowledge.KnowledgeOptions.Resolve(options.PromptsPath)));
    }
}
