using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using PainBot.Generation.Grounding;

namespace PainBot.Generation;

/// <summary>
/// Turns a follow-up ("what about for migraines?") into a standalone question with the model
/// (<c>prompts/condense_followup.yaml</c>). Returns null when the model fails or its reply is not a plain
/// question, so the caller keeps its own rule-based resolution.
/// </summary>
public sealed class FollowUpCondenser(GenerationKernel model, IOptions<GenerationOptions> options, ILogger<FollowUpCondenser> logger)
{
    private const int MaxTurns = 6;

    /// <summary>The standalone question, or null to keep the message as it is.</summary>
    public async Task<string?> CondenseAsync(string message, IReadOnlyList<ConversationLine> recentTurns, CancellationToken cancellationToken = default)
    {
        var arguments = new KernelArguments
        {
            ["message"] = message,
            ["recent_turns"] = PromptText.Turns([.. recentTurns.TakeLast(MaxTurns)]),
        };
        var (output, failure, _) = await ModelCall.InvokeAsync(
            model, model.Prompts.CondenseFollowUp, arguments, TimeSpan.FromMilliseconds(options.Value.TimeoutMilliseconds), cancellationToken).ConfigureAwait(false);
        if (failure is { } reason)
        {
            GenerationLog.CondenseFailed(logger, reason);
            return null;
        }

        var question = (output ?? string.Empty).Trim().Trim('"', '\'', '“', '”').Trim();
        var firstLine = question.Split('\n')[0].Trim();
        // A condensed question is one short line; anything else (an answer, an essay, an echoed instruction) is not used.
        if (firstLine.Length == 0 || firstLine.Length > Math.Max(200, message.Length * 3) || question.Contains('\n', StringComparison.Ordinal)
            || InjectionDetector.LooksLikeInstruction(firstLine))
        {
            GenerationLog.CondenseFailed(logger, firstLine.Length == 0 ? FallbackReason.Empty
                : InjectionDetector.LooksLikeInstruction(question) ? FallbackReason.Injection : FallbackReason.Malformed);
            return null;
        }

        return firstLine;
    }
}
