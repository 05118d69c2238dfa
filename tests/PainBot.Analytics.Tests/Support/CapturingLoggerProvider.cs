using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PainBot.Analytics.Tests.Support;

/// <summary>Keeps every log event (message, structured values, exception) for the privacy scan.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Text)> _events = new();

    public IReadOnlyList<(LogLevel Level, string Category, string Text)> Events => [.. _events];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = formatter(state, exception);
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                text += " | " + string.Join("; ", values.Select(v => $"{v.Key}={v.Value}"));
            }

            owner._events.Enqueue((logLevel, category, exception is null ? text : text + " | " + exception));
        }
    }
}
