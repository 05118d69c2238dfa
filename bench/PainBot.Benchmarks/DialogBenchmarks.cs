using BenchmarkDotNet.Attributes;
using PainBot.Core.Dialog;
using PainBot.Core.Knowledge;
using PainBot.Core.Safety;

namespace PainBot.Benchmarks;

/// <summary>A whole turn without a language model, and safety triage alone.</summary>
[MemoryDiagnoser]
public class DialogBenchmarks
{
    private Assistant _assistant = null!;
    private int _next;

    [GlobalSetup]
    public void Setup() => _assistant = new Assistant();

    [GlobalCleanup]
    public void Cleanup() => _assistant.Dispose();

    [Benchmark]
    public Task<TurnResult> FullTurn() =>
        _assistant.Dialog.HandleAsync(new UserTurn("bench-" + (_next % 64), "bench", Next(), "bench"));

    [Benchmark]
    public SafetyAssessment TriageOnly() => _assistant.Triage.Assess(Next(), Audience.Patient);

    private string Next() => BenchSupport.Queries[_next++ % BenchSupport.Queries.Length];
}
