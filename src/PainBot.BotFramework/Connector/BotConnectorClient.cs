using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using PainBot.BotFramework.Authentication;
using PainBot.BotFramework.Schema;

namespace PainBot.BotFramework.Connector;

/// <summary>
/// Sends activities to a channel's connector at the activity's serviceUrl: ReplyToActivity when replyToId is set,
/// otherwise SendToConversation (botbuilder Conversations). Carries the bot's token when one is configured and
/// retries once with a fresh token when the connector answers 401.
/// </summary>
public sealed partial class BotConnectorClient(
    IHttpClientFactory httpClientFactory,
    string httpClientName,
    BotAccessTokenProvider tokens,
    ILogger<BotConnectorClient> logger)
{
    /// <summary>Sends <paramref name="activity"/> to its conversation; returns the id the channel gave it (possibly empty).</summary>
    public async Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(activity.ServiceUrl, "activity.ServiceUrl");
        ArgumentException.ThrowIfNullOrEmpty(activity.Conversation?.Id, "activity.Conversation.Id");

        // Bots should not send an id or a timestamp; the channel assigns them.
        activity.Id = null;
        activity.Timestamp = null;
        var uri = ActivityUri(activity.ServiceUrl, activity.Conversation.Id, activity.ReplyToId);
        var body = JsonSerializer.SerializeToUtf8Bytes(activity, BotJson.Options);

        using var first = await PostAsync(uri, body, forceRefresh: false, cancellationToken).ConfigureAwait(false);
        if (first.StatusCode == HttpStatusCode.Unauthorized && tokens.IsEnabled)
        {
            LogRetryAfterUnauthorized(logger);
            using var second = await PostAsync(uri, body, forceRefresh: true, cancellationToken).ConfigureAwait(false);
            return await ReadAsync(second, cancellationToken).ConfigureAwait(false);
        }

        return await ReadAsync(first, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>{serviceUrl}/v3/conversations/{conversationId}[/activities/{replyToId}]</c> with both ids escaped as data
    /// (Teams ids contain <c>: ; @ =</c>).
    /// </summary>
    public static Uri ActivityUri(string serviceUrl, string conversationId, string? replyToId)
    {
        var baseUrl = serviceUrl.EndsWith('/') ? serviceUrl : serviceUrl + "/";
        var path = $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities";
        if (!string.IsNullOrEmpty(replyToId))
        {
            path += "/" + Uri.EscapeDataString(replyToId);
        }

        return new Uri(new Uri(baseUrl, UriKind.Absolute), path);
    }

    private async Task<HttpResponseMessage> PostAsync(Uri uri, byte[] body, bool forceRefresh, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        var token = await tokens.GetTokenAsync(forceRefresh, cancellationToken).ConfigureAwait(false);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var client = httpClientFactory.CreateClient(httpClientName);
        return await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ResourceResponse> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            string? code = null;
            try
            {
                code = (await response.Content.ReadFromJsonAsync<ErrorResponse>(BotJson.Options, cancellationToken).ConfigureAwait(false))?.Error?.Code;
            }
            catch (JsonException)
            {
                // Not every failure has a JSON body; the status is enough.
            }

            LogSendFailed(logger, (int)response.StatusCode, code);
            throw new ConnectorException(response.StatusCode, code);
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new ResourceResponse();
        }

        try
        {
            return JsonSerializer.Deserialize<ResourceResponse>(text, BotJson.Options) ?? new ResourceResponse();
        }
        catch (JsonException)
        {
            return new ResourceResponse();
        }
    }

    [LoggerMessage(EventId = 1121, Level = LogLevel.Information, Message = "Connector answered 401; retrying once with a fresh token")]
    private static partial void LogRetryAfterUnauthorized(ILogger logger);

    [LoggerMessage(EventId = 1122, Level = LogLevel.Warning, Message = "Connector refused an activity with status {Status} ({Code})")]
    private static partial void LogSendFailed(ILogger logger, int status, string? code);
}
