using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PainBot.BotFramework.DirectLine;
using PainBot.BotFramework.Schema;

namespace PainBot.Web.Tests.DirectLine;

/// <summary>Raw Direct Line 3.0 calls, so the tests see status codes and wire JSON as a client does.</summary>
public sealed class DirectLineClient(HttpClient http)
{
    public const string Prefix = "/v3/directline";

    public HttpClient Http => http;

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? credential, string? body = null)
    {
        var request = new HttpRequestMessage(method, Prefix + path);
        if (credential is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return http.SendAsync(request);
    }

    public async Task<Conversation> GenerateTokenAsync()
    {
        using var response = await SendAsync(HttpMethod.Post, "/tokens/generate", DirectLineApplication.Secret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ReadAsync<Conversation>(response))!;
    }

    public async Task<Conversation> StartAsync(string credential)
    {
        using var response = await SendAsync(HttpMethod.Post, "/conversations", credential, """{"user":{}}""");
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, response.StatusCode.ToString());
        return (await ReadAsync<Conversation>(response))!;
    }

    public async Task<string> PostAsync(string conversationId, string token, string text, string clientActivityId)
    {
        var body = JsonSerializer.Serialize(new
        {
            type = "message",
            from = new { id = "someone-else", name = "Visitor" },
            text,
            channelData = new { clientActivityID = clientActivityId },
        });
        using var response = await SendAsync(HttpMethod.Post, $"/conversations/{conversationId}/activities", token, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ReadAsync<ResourceResponse>(response))!.Id!;
    }

    public async Task<(ActivitySet Set, JsonDocument Raw)> GetActivitiesAsync(string conversationId, string token, string? watermark)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/conversations/{conversationId}/activities?watermark={watermark}", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadAsStringAsync();
        return (JsonSerializer.Deserialize<ActivitySet>(json, BotJson.Options)!, JsonDocument.Parse(json));
    }

    public static async Task<T?> ReadAsync<T>(HttpResponseMessage response) =>
        JsonSerializer.Deserialize<T>(await response.Content.ReadAsStringAsync(), BotJson.Options);
}
