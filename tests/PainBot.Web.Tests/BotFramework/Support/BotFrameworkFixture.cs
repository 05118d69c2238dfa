namespace PainBot.Web.Tests.BotFramework.Support;

/// <summary>
/// One identity provider, one recording connector, and two hosts: one with an app id (authentication on,
/// metadata and token endpoint on loopback) and one without (local traffic only).
/// </summary>
public sealed class BotFrameworkFixture : IAsyncLifetime
{
    public TestIdentityProvider Identity { get; private set; } = null!;

    public RecordingConnector Connector { get; private set; } = null!;

    public BotApp Authenticated { get; private set; } = null!;

    public HttpClient AuthenticatedClient { get; private set; } = null!;

    public BotApp Open { get; private set; } = null!;

    public HttpClient OpenClient { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Identity = await TestIdentityProvider.StartAsync();
        Connector = await RecordingConnector.StartAsync();
        Authenticated = new BotApp(new Dictionary<string, string?>
        {
            ["BotFramework:MicrosoftAppId"] = TestIdentityProvider.AppId,
            ["BotFramework:MicrosoftAppPassword"] = TestIdentityProvider.AppPassword,
            ["BotFramework:OpenIdMetadataUrl"] = Identity.OpenIdMetadataUrl,
            ["BotFramework:EmulatorOpenIdMetadataUrl"] = Identity.EmulatorOpenIdMetadataUrl,
            ["BotFramework:TokenEndpointUrl"] = Identity.TokenEndpointUrl,
        });
        AuthenticatedClient = Authenticated.Start();
        Open = new BotApp(new Dictionary<string, string?>());
        OpenClient = Open.Start();
    }

    /// <summary>
    /// What the connector received for <paramref name="escapedConversationId"/> once both hosts have finished the
    /// turns they acknowledged (normal delivery runs after the 200).
    /// </summary>
    public async Task<IReadOnlyList<RecordedRequest>> SentAsync(string escapedConversationId)
    {
        await Authenticated.TurnsFinishedAsync();
        await Open.TurnsFinishedAsync();
        return Connector.For(escapedConversationId);
    }

    public async Task DisposeAsync()
    {
        AuthenticatedClient.Dispose();
        OpenClient.Dispose();
        await Authenticated.DisposeAsync();
        await Open.DisposeAsync();
        await Connector.DisposeAsync();
        await Identity.DisposeAsync();
    }
}
