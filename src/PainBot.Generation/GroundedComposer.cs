using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using PainBot.Core.Composition;
using PainBot.Generation.Grounding;

namespace PainBot.Generation;

/// <summary>
/// Composes with the language model and verifies before anyone sees it: the model gets the question and the top
/// passages numbered 1..k (<c>prompts/grounded_answer.yaml</c>), its answer goes through
/// <see cref="GroundingVerifier"/>, and anything that fails (timeout, service error, open circuit, unreadable
/// body, a sentence without a citation, an unknown citation, an unsupported sentence, an instruction echoed)
/// is replaced by the extractive answer, counted in <see cref="GenerationStats"/> and logged. Safety and scope
/// were decided before this is called; disclaimers and the source list are added after it by the dialog manager.
/// </summary>
public sealed class GroundedComposer(
    GenerationKernel model,
    GroundingVerifier verifier,
    GenerationStats stats,
    IOptions<GenerationOptions> options,
    ILogger<GroundedComposer> logger) : IAnswerComposer
{
    /// <summary>The <see cref="ComposedAnswer.Composer"/> name of a verified model answer.</summary>
    public const string Name = "generated";

    private readonly GenerationOptions _options = options.Value;

    /// <inheritdoc/>
    public bool UsesLanguageModel => true;

    /// <inheritdoc/>
    public async Task<ComposedAnswer> ComposeAsync(ComposeRequest request, CancellationToken cancellationToken)
    {
        if (request.Hits.Count == 0)
        {
            return ExtractiveComposer.Compose(request);
        }

        stats.RecordAttempt();
        var clock = Stopwatch.StartNew();
        var passages = request.Hits.Take(_options.MaxPassages).Select(h => h.Passage).ToList();
        var arguments = new KernelArguments
        {
            ["question"] = request.Question,
            ["audience"] = PromptText.Audience(request.Audience),
            ["passages"] = PromptText.Passages(passages),
            ["recent_turns"] = PromptText.Turns([]),
            ["max_words"] = request.MaxWords.ToString(CultureInfo.InvariantCulture),
        };

        var (output, failure, error) = await ModelCall.InvokeAsync(
            model, model.Prompts.GroundedAnswer, arguments, TimeSpan.FromMilliseconds(_options.TimeoutMilliseconds), cancellationToken).ConfigureAwait(false);
        if (failure is { } reason)
        {
            GenerationLog.ModelFailed(logger, reason, error?.GetType().Name ?? "none", clock.ElapsedMilliseconds);
            return Fallback(request, reason);
        }

        var verdict = verifier.Verify(output ?? string.Empty, passages, cancellationToken);
        if (!verdict.Passed)
        {
            GenerationLog.VerificationFailed(logger, verdict.Reason!.Value, verdict.SentenceCount);
            return Fallback(request, verdict.Reason.Value);
        }

        stats.RecordPassed();
        GenerationLog.Passed(logger, verdict.SentenceCount, verdict.Citations.Count, verdict.RemovedImitations, clock.ElapsedMilliseconds);
        return new ComposedAnswer(verdict.Markdown, verdict.Citations, Name);
    }

    private ComposedAnswer Fallback(ComposeRequest request, FallbackReason reason)
    {
        stats.RecordFallback(reason);
        return ExtractiveComposer.Compose(request) with { Fallback = System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(reason.ToString()) };
    }
}
