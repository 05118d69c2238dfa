namespace PainBot.Knowledge.Loading;

/// <summary>A topic id and how the assistant names it to people.</summary>
public sealed record TopicInfo(string Id, string Label);
