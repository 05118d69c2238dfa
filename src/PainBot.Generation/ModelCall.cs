using System.Diagnostics;
using System.Text.Json;
using Microsoft.SemanticKernel;
using PainBot.Core.Telemetry;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace PainBot.Generation;

/// <summary>
/// One prompt invocation under a hard deadline. The token given to the kernel is cancelled at the deadline, and
/// the wait itself ends then too, so a call that ignores cancellation still cannot hold the turn. Failures are
/// classified, never thrown (except the caller's own cancellation).
/// </summary>
internal static class ModelCall
{
    public static async Task<(string? Output, FallbackReason? Failure, Exception? Error)> InvokeAsync(
        GenerationKernel model, KernelFunction function, KernelArguments arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var prompt = function.Name;
        using var span = PainBotTelemetry.StartModelCall(prompt);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await model.Kernel.InvokeAsync(function, arguments, deadline.Token).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            PainBotTelemetry.ModelCallCompleted(span, prompt, "ok", Stopwatch.GetElapsedTime(started));
            return (result.GetValue<string>(), null, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            PainBotTelemetry.ModelCallCompleted(span, prompt, "cancelled", Stopwatch.GetElapsedTime(started));
            throw;
        }
        catch (Exception ex)
        {
            var reason = Classify(ex, deadline.IsCancellationRequested);
            PainBotTelemetry.ModelCallCompleted(span, prompt, FallbackReasonName(reason), Stopwatch.GetElapsedTime(started));
            return (null, reason, ex);
        }
    }

    /// <summary>The reason as a metric tag: snake_case, as the other wire names.</summary>
    public static string FallbackReasonName(FallbackReason reason) => reason switch
    {
        FallbackReason.ServiceError => "service_error",
        FallbackReason.CircuitOpen => "circuit_open",
        FallbackReason.MissingCitation => "missing_citation",
        FallbackReason.UnknownCitation => "unknown_citation",
        _ => reason.ToString().ToLowerInvariant(),
    };

    private static FallbackReason Classify(Exception ex, bool deadlinePassed)
    {
        if (ex is TimeoutException || deadlinePassed)
        {
            return FallbackReason.Timeout;
        }

        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case BrokenCircuitException:
                    return FallbackReason.CircuitOpen;
                case TimeoutRejectedException or OperationCanceledException:
                    return FallbackReason.Timeout;
                case JsonException or FormatException or InvalidDataException:
                    return FallbackReason.Malformed;
                case HttpOperationException { StatusCode: not null }:
                    return FallbackReason.ServiceError;
                case HttpRequestException:
                    return FallbackReason.ServiceError;
            }
        }

        // The OpenAI client reports a body it cannot read as a plain exception without a status code.
        return ex is HttpOperationException or KernelException or InvalidOperationException or ArgumentException or KeyNotFoundException or NullReferenceException
            ? FallbackReason.Malformed
            : FallbackReason.ServiceError;
    }
}
