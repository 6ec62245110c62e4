using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Broker.Provisioners.Tests.SharedPostgres;

/// <summary>Keeps every log line (message and structured values) so tests can prove what was never logged.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider, ILogger
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyCollection<string> Lines => lines;

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
        lines.Enqueue($"{logLevel}: {formatter(state, exception)} [{values}] {exception}");
    }

    public void Dispose()
    {
    }
}
