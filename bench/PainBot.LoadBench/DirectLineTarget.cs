using System.Text.Json;

namespace PainBot.LoadBench;

/// <summary>
/// The built-in Direct Line 3.0 as a polling client uses it: a conversation is started with the secret, which returns a
/// conversation token used from then on (as the chat page would); a turn is <c>POST .../activities</c> and then
/// <c>GET .../activities?watermark=</c> until the bot's reply to that activity has arrived.
/// </summary>
internal sealed class DirectLineTarget(HttpClient http, string secret, TimeSpan pollInterval) : ILoadTarget
{
    private const string Prefix = "v3/directline/conversations";

    public string Name => "directline";

    public async Task<IBenchConversation> OpenAsync(string userId, CancellationToken cancellationToken)
    {
        using var request = BenchHttp.JsonPost(Prefix, new { user = new { id = userId } }, secret);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        using var body = await BenchHttp.ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        var conversationId = body.RootElement.GetProperty("conversationId").GetString()!;
        var token = body.RootElement.GetProperty("token").GetString()!;
        return new Conversation(http, pollInterval, $"{Prefix}/{Uri.EscapeDataString(conversationId)}/activities", token);
    }

    private sealed class Conversation(HttpClient http, TimeSpan pollInterval, string activitiesPath, string token) : IBenchConversation
    {
        private string _watermark = "";

        public async Task TurnAsync(string text, CancellationToken cancellationToken)
        {
            string id;
            using (var post = BenchHttp.JsonPost(activitiesPath, new { type = "message", text, locale = "en-US" }, token))
            using (var response = await http.SendAsync(post, cancellationToken).ConfigureAwait(false))
            using (var posted = await BenchHttp.ReadJsonAsync(response, cancellationToken).ConfigureAwait(false))
            {
                id = posted.RootElement.GetProperty("id").GetString()!;
            }

            while (true)
            {
                using (var get = new HttpRequestMessage(HttpMethod.Get, new Uri($"{activitiesPath}?watermark={Uri.EscapeDataString(_watermark)}", UriKind.Relative)))
                {
                    get.Headers.Authorization = new("Bearer", token);
                    using var response = await http.SendAsync(get, cancellationToken).ConfigureAwait(false);
                    using var set = await BenchHttp.ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
                    if (set.RootElement.TryGetProperty("watermark", out var watermark) && watermark.ValueKind == JsonValueKind.String)
                    {
                        _watermark = watermark.GetString()!;
                    }

                    if (set.RootElement.GetProperty("activities").EnumerateArray().Any(a => IsReplyTo(a, id)))
                    {
                        return;
                    }
                }

                // The built-in Direct Line stores replies before the post returns, so this is rarely reached.
                await Task.Delay(pollInterval, cancellationToken).ConfigureAwait(false);
            }
        }

        private static bool IsReplyTo(JsonElement a, string id) =>
            a.TryGetProperty("type", out var type) && type.ValueEquals("message")
            && a.TryGetProperty("replyToId", out var replyTo) && replyTo.ValueEquals(id);
    }
}
