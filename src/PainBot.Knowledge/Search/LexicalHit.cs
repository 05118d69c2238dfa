namespace PainBot.Knowledge.Search;

/// <summary>A passage id found by BM25 and its raw score.</summary>
public readonly record struct LexicalHit(string Id, float Score);
