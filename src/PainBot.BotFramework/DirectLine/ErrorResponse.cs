namespace PainBot.BotFramework.DirectLine;

/// <summary>The Direct Line error body: <c>{"error":{"code","message"}}</c>.</summary>
public sealed record ErrorResponse(ErrorDetail Error);
