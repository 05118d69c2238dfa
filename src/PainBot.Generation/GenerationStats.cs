using System.Collections.Concurrent;
using PainBot.Core.Telemetry;

namespace PainBot.Generation;

/// <summary>
/// Counters of the model composer since start: answers asked for, passed verification, fell back (by reason),
/// read by <c>eval</c>. Fallbacks are also counted on the <see cref="PainBotTelemetry"/> meter for operators.
/// </summary>
public sealed class GenerationStats
{
    private readonly ConcurrentDictionary<FallbackReason, long> _reasons = new();
    private long _attempted;
    private long _passed;

    /// <summary>Answers the model was asked for (or would have been, with the circuit open).</summary>
    public long Attempted => Interlocked.Read(ref _attempted);

    /// <summary>Generated answers that passed verification and were shown.</summary>
    public long Passed => Interlocked.Read(ref _passed);

    /// <summary>Answers replaced by the extractive one, for any reason.</summary>
    public long FellBack => _reasons.Values.Sum();

    /// <summary>Fallbacks by reason.</summary>
    public IReadOnlyDictionary<FallbackReason, long> FallbacksByReason => new Dictionary<FallbackReason, long>(_reasons);

    internal void RecordAttempt() => Interlocked.Increment(ref _attempted);

    internal void RecordPassed() => Interlocked.Increment(ref _passed);

    internal void RecordFallback(FallbackReason reason)
    {
        _reasons.AddOrUpdate(reason, 1, (_, n) => n + 1);
        PainBotTelemetry.Fallback(ModelCall.FallbackReasonName(reason));
    }
}
