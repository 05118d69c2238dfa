namespace PainBot.LoadBench;

/// <summary>
/// <c>GET /healthz</c>: the host's cheapest endpoint, measured in the same run so the bot's figures can be read as a
/// ratio to what Kestrel, routing and this client cost on this machine. A "turn" is one request.
/// </summary>
internal sealed class HealthTarget(HttpClient http) : ILoadTarget, IBenchConversation
{
    public string Name => "healthz";

    public Task<IBenchConversation> OpenAsync(string userId, CancellationToken cancellationToken) => Task.FromResult<IBenchConversation>(this);

    public async Task TurnAsync(string text, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri("healthz", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        await BenchHttp.EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }
}
