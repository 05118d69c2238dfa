using System.Text.Json;

namespace PainBot.LoadBench;

/// <summary>
/// <c>POST /api/messages</c> with <c>deliveryMode: expectReplies</c>, as a Bot Framework channel would send a Web Chat
/// message: one request per turn, the replies come back in its body. Needs a host without
/// <c>BotFramework:MicrosoftAppId</c> (unauthenticated loopback traffic).
/// </summary>
internal sealed class MessagesTarget(HttpClient http) : ILoadTarget
{
    public string Name => "api/messages";

    public Task<IBenchConversation> OpenAsync(string userId, CancellationToken cancellationToken) =>
        Task.FromResult<IBenchConversation>(new Conversation(http, userId, "bench-" + Guid.NewGuid().ToString("N")));

    private sealed class Conversation(HttpClient http, string userId, string conversationId) : IBenchConversation
    {
        public async Task TurnAsync(string text, CancellationToken cancellationToken)
        {
            var activity = new
            {
                type = "message",
                id = Guid.NewGuid().ToString("N"),
                timestamp = DateTimeOffset.UtcNow,
                serviceUrl = http.BaseAddress!.ToString(),
                channelId = "webchat",
                from = new { id = userId, name = "Load bench" },
                conversation = new { id = conversationId },
                recipient = new { id = "painbot", name = "PainBot" },
                text,
                locale = "en-US",
                deliveryMode = "expectReplies",
            };
            using var request = BenchHttp.JsonPost("api/messages", activity);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            using var body = await BenchHttp.ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
            if (!body.RootElement.TryGetProperty("activities", out var activities)
                || !activities.EnumerateArray().Any(IsAnswer))
            {
                throw new InvalidDataException("api/messages: expectReplies body has no message with text");
            }
        }

        private static bool IsAnswer(JsonElement a) =>
            a.TryGetProperty("type", out var type) && type.ValueEquals("message")
            && a.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String && text.GetString()!.Length > 0;
    }
}
