using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace PainBot.BotFramework.Authentication;

/// <summary>
/// One OpenID metadata document with its signing keys, read through <see cref="ConfigurationManager{T}"/> (which
/// caches it and keeps the last good copy when a refresh fails), behind a gate for outages: while no copy can be
/// had, requests are refused at once and the fetch is retried after a delay that doubles up to a cap. An outage
/// is logged once when it starts and once when it ends, never per request.
/// </summary>
internal sealed partial class OpenIdMetadataSource
{
    /// <summary>First wait after a failed fetch.</summary>
    public static readonly TimeSpan InitialBackoff = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between fetches during an outage.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(2);

    private readonly ConfigurationManager<OpenIdConnectConfiguration> _manager;
    private readonly string _url;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private TimeSpan _backoff = TimeSpan.Zero;
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;
    private bool _outage;

    public OpenIdMetadataSource(string url, HttpClient client, TimeProvider time, ILogger logger)
    {
        _url = url;
        _time = time;
        _logger = logger;
        _manager = new(url, new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever(client)
        {
            // The configured URL decides: production metadata is https; tests serve it from loopback over http.
            RequireHttps = url.StartsWith("https://", StringComparison.OrdinalIgnoreCase),
        });
    }

    /// <summary>The metadata, or null with how long to wait when it cannot be had now.</summary>
    public async Task<(OpenIdConnectConfiguration? Configuration, TimeSpan RetryAfter)> GetAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var wait = _retryAt - _time.GetUtcNow();
            if (_outage && wait > TimeSpan.Zero)
            {
                return (null, wait);
            }
        }

        try
        {
            var configuration = await _manager.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                if (_outage)
                {
                    _outage = false;
                    _backoff = TimeSpan.Zero;
                    LogRecovered(_logger, _url);
                }
            }

            return (configuration, TimeSpan.Zero);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is InvalidOperationException or HttpRequestException or IOException or OperationCanceledException or System.Text.Json.JsonException or ArgumentException)
        {
            // IdentityModel wraps fetch and parse failures in InvalidOperationException (IDX20803); the others
            // are a belt for retrievers that let them through (a client timeout surfaces as a cancellation).
            lock (_lock)
            {
                // Requests that were waiting on the same failed fetch count as one failure, not one each.
                var now = _time.GetUtcNow();
                if (_outage && _retryAt > now)
                {
                    return (null, _retryAt - now);
                }

                _backoff = _backoff == TimeSpan.Zero ? InitialBackoff : TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, MaxBackoff.Ticks));
                _retryAt = now + _backoff;
                if (!_outage)
                {
                    _outage = true;
                    LogUnavailable(_logger, _url, Describe(e));
                }

                return (null, _backoff);
            }
        }
    }

    /// <summary>Asks for a fresh copy on the next read (a token named a key the cached copy does not have).</summary>
    public void RequestRefresh() => _manager.RequestRefresh();

    // The innermost message says what failed (connection refused, 404, not JSON) without a stack trace.
    private static string Describe(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner.GetType().Name + ": " + inner.Message;
    }

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "OpenID metadata {Url} cannot be read ({Error}); Bot Framework requests are refused with 503 until it can, retrying with backoff")]
    private static partial void LogUnavailable(ILogger logger, string url, string error);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "OpenID metadata {Url} can be read again")]
    private static partial void LogRecovered(ILogger logger, string url);
}
