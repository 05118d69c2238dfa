using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using PainBot.BotFramework.Authentication;

namespace PainBot.BotFramework.Tests.Authentication;

/// <summary>The metadata gate: refuses at once during an outage, backs off exponentially up to a cap, logs each outage once and its end once.</summary>
public sealed class OpenIdMetadataSourceTests
{
    private const string Url = "https://login.example/v1/.well-known/openidconfiguration";

    [Fact]
    public async Task Outage_BacksOffLogsOnceAndRecovers()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var handler = new SwitchableHandler();
        var logs = new ListLogger();
        var source = new OpenIdMetadataSource(Url, new HttpClient(handler), time, logs);

        var (first, wait1) = await source.GetAsync(CancellationToken.None);
        var fetches = handler.Requests;
        var (second, wait2) = await source.GetAsync(CancellationToken.None);

        Assert.Null(first);
        Assert.Null(second);
        Assert.Equal(OpenIdMetadataSource.InitialBackoff, wait1);
        Assert.True(wait2 > TimeSpan.Zero && wait2 <= wait1);
        Assert.Equal(fetches, handler.Requests); // refused without fetching during the backoff

        // Each failed retry doubles the wait, up to the cap.
        var wait = wait1;
        for (var i = 0; i < 10; i++)
        {
            time.Advance(wait);
            (_, var next) = await source.GetAsync(CancellationToken.None);
            Assert.Equal(TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, OpenIdMetadataSource.MaxBackoff.Ticks)), next);
            wait = next;
        }

        Assert.Equal(OpenIdMetadataSource.MaxBackoff, wait);
        Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning);

        handler.Up = true;
        time.Advance(wait);
        var (recovered, _) = await source.GetAsync(CancellationToken.None);
        var (again, _) = await source.GetAsync(CancellationToken.None);

        Assert.NotNull(recovered);
        Assert.NotNull(again);
        Assert.Single(logs.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("again", StringComparison.Ordinal));
        Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning);
    }

    private sealed class SwitchableHandler : HttpMessageHandler
    {
        private int _requests;

        public bool Up { get; set; }

        public int Requests => Volatile.Read(ref _requests);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            if (!Up)
            {
                throw new HttpRequestException("Connection refused");
            }

            var body = request.RequestUri!.AbsolutePath.EndsWith("keys", StringComparison.Ordinal)
                ? """{"keys":[]}"""
                : """{"issuer":"https://api.botframework.com","jwks_uri":"https://login.example/v1/keys"}""";
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
