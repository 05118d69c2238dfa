namespace PainBot.Web.DirectLine;

/// <summary>What the chat page needs to open its conversation: a one-conversation token, never the secret.</summary>
/// <param name="Token">Direct Line token for <paramref name="ConversationId"/> only.</param>
/// <param name="ConversationId">The conversation the token opens.</param>
/// <param name="UserId">The visitor's id; Web Chat's <c>userID</c> must be this.</param>
/// <param name="ExpiresIn">Seconds until the token expires (Web Chat refreshes it).</param>
/// <param name="Domain">The Direct Line base URL for <c>createDirectLine({ domain })</c>.</param>
public sealed record ChatTokenResponse(string Token, string ConversationId, string UserId, int ExpiresIn, string Domain);
