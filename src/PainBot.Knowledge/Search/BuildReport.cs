namespace PainBot.Knowledge.Search;

/// <summary>What one (re)build of the index did.</summary>
public sealed record BuildReport(int Passages, int Vectors, int VectorsComputed, TimeSpan Elapsed, int Generation);
