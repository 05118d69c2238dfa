using System.Text.Json;

namespace PainBot.BotFramework.Schema;

/// <summary>
/// The synchronous answer to an <c>invoke</c> activity (Microsoft.Bot.Schema.InvokeResponse): the HTTP status and
/// body returned from <c>POST /api/messages</c>.
/// </summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Body">The JSON body, or null for an empty one.</param>
public sealed record InvokeResponse(int Status, JsonElement? Body = null);
