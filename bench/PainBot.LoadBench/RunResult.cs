namespace PainBot.LoadBench;

/// <summary>What one target did at one concurrency level.</summary>
/// <param name="Target">The target's name.</param>
/// <param name="Concurrency">Conversations in flight at once.</param>
/// <param name="Elapsed">From the first worker starting until the last turn in flight completed.</param>
/// <param name="LatenciesMs">Successful turns' latencies, sorted ascending.</param>
/// <param name="Errors">Failed turns plus failed conversation openings.</param>
/// <param name="ErrorKinds">Distinct error messages and how often each occurred.</param>
internal sealed record RunResult(
    string Target,
    int Concurrency,
    TimeSpan Elapsed,
    IReadOnlyList<double> LatenciesMs,
    int Errors,
    IReadOnlyDictionary<string, int> ErrorKinds)
{
    public int Turns => LatenciesMs.Count;

    public double TurnsPerSecond => Turns / Elapsed.TotalSeconds;

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    /// <summary>Nearest-rank percentile; NaN when nothing succeeded.</summary>
    public double Percentile(double p) =>
        Turns == 0 ? double.NaN : LatenciesMs[Math.Clamp((int)Math.Ceiling(p * Turns) - 1, 0, Turns - 1)];
}
