using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace PainBot.Analytics.Tests.Support;

/// <summary>A website visitor talking through the host's Direct Line endpoints, as Web Chat does.</summary>
public sealed class DirectLineVisitor(HttpClient http, string userId)
{
    public string UserId => userId;

    public string? ConversationId { get; private set; }

    public async Task StartAsync()
    {
        using var response = await SendAsync(HttpMethod.Post, "/v3/directline/conversations", """{"user":{}}""");
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, response.StatusCode.ToString());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        ConversationId = body.RootElement.GetProperty("conversationId").GetString();
    }

    public async Task SayAsync(string text)
    {
        var body = JsonSerializer.Serialize(new { type = "message", from = new { id = userId }, text });
        using var response = await SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{ConversationId}/activities", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string body)
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AnalyticsHostApp.Secret);
        return http.SendAsync(request);
    }
}
