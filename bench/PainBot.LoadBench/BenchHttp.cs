using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace PainBot.LoadBench;

/// <summary>Small HTTP helpers shared by the targets.</summary>
internal static class BenchHttp
{
    /// <summary>A client for loopback only: no proxy (an environment proxy would measure itself), unbounded connections.</summary>
    public static HttpClient CreateClient(Uri baseAddress) =>
        new(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = baseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };

    /// <summary>A JSON POST with an optional bearer credential.</summary>
    public static HttpRequestMessage JsonPost(string path, object body, string? bearer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return request;
    }

    /// <summary>Throws with the status code and the start of the body unless the response is 2xx.</summary>
    public static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        throw new HttpRequestException(
            string.Create(CultureInfo.InvariantCulture, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} -> {(int)response.StatusCode} {body[..Math.Min(body.Length, 120)]}"),
            null,
            response.StatusCode);
    }

    /// <summary>The body parsed as JSON after a success check.</summary>
    public static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
