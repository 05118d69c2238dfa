using System.Net;
using System.Text.RegularExpressions;

namespace PainBot.Web.Tests.Staff;

/// <summary>A browser's part in the sign-in: keeps cookies by hand and reads the form's antiforgery field.</summary>
public sealed partial class StaffBrowser(HttpClient http)
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public HttpClient Http => http;

    /// <summary>The Set-Cookie lines of the last response.</summary>
    public IReadOnlyList<string> LastSetCookies { get; private set; } = [];

    public async Task<(HttpResponseMessage Response, string Body)> SendAsync(HttpMethod method, string path, IEnumerable<KeyValuePair<string, string>>? form = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => c.Key + "=" + c.Value)));
        }

        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        var response = await http.SendAsync(request);
        LastSetCookies = response.Headers.TryGetValues("Set-Cookie", out var lines) ? [.. lines] : [];
        foreach (var line in LastSetCookies)
        {
            var pair = line.Split(';', 2)[0].Split('=', 2);
            if (line.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
            {
                _cookies.Remove(pair[0]);
            }
            else
            {
                _cookies[pair[0]] = pair[1];
            }
        }

        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The same browser (its cookies) talking to another server, as behind a load balancer.</summary>
    public StaffBrowser On(HttpClient other)
    {
        var moved = new StaffBrowser(other);
        foreach (var (name, value) in _cookies)
        {
            moved._cookies[name] = value;
        }

        return moved;
    }

    public bool HasCookie(string name) => _cookies.ContainsKey(name);

    /// <summary>Opens /staff and returns the antiforgery field of its form.</summary>
    public async Task<KeyValuePair<string, string>> OpenFormAsync(string path = "/staff")
    {
        var (response, body) = await SendAsync(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Antiforgery(body);
    }

    public static KeyValuePair<string, string> Antiforgery(string html)
    {
        var match = HiddenField().Match(html);
        Assert.True(match.Success, "no antiforgery field in the page");
        return new(match.Groups[1].Value, WebUtility.HtmlDecode(match.Groups[2].Value));
    }

    /// <summary>Signs in with <paramref name="key"/>; returns the response.</summary>
    public async Task<(HttpResponseMessage Response, string Body)> SignInAsync(string key)
    {
        var token = await OpenFormAsync();
        return await SendAsync(HttpMethod.Post, "/staff/sign-in", [token, new("key", key)]);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenField();
}
