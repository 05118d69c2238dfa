namespace PainBot.Core.Dialog;

/// <summary>A numbered source of an answer: the passage's title as people see it.</summary>
public sealed record Citation(int Number, string PassageId, string Title, string Topic);
