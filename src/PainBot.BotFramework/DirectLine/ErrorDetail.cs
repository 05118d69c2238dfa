namespace PainBot.BotFramework.DirectLine;

/// <summary>Code and message of a Direct Line error.</summary>
public sealed record ErrorDetail(string Code, string Message);
