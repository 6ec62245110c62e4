using System.Net.Sockets;
using Broker.Silo.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Broker.Silo.Storage;

/// <summary>
/// Holds a starting process until PostgreSQL answers, for at most <see cref="StorageOptions.StartupWait"/>. A pod that
/// starts while the database is failing over, still starting or too busy to accept a connection in time used to exit
/// on its first attempt and wait for the orchestrator's restart back-off; now it tries again every few seconds and
/// starts as soon as the database answers. Failures that waiting cannot mend (a wrong password, a missing database)
/// stop the start at once.
/// </summary>
public sealed partial class DatabaseStartupWait(
    NpgsqlDataSource dataSource, IOptions<StorageOptions> options, BrokerClock clock, ILogger<DatabaseStartupWait> logger)
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(5);

    /// <summary>Called after each failed attempt, before the pause (tests use it to change the world in between).</summary>
    public Func<int, Task>? AfterFailedAttempt { get; set; }

    public async Task<int> WaitAsync(CancellationToken cancellationToken)
    {
        var time = clock.Provider;
        var started = time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                await using var command = new NpgsqlCommand("select 1", connection);
                await command.ExecuteScalarAsync(cancellationToken);
                if (attempt > 1)
                {
                    LogAnswered(logger, attempt);
                }

                return attempt;
            }
            catch (Exception ex) when (IsWorthWaiting(ex) && !cancellationToken.IsCancellationRequested)
            {
                var pause = Pause(attempt);
                if (time.GetElapsedTime(started) + pause > options.Value.StartupWait)
                {
                    LogGaveUp(logger, ex, attempt, options.Value.StartupWait);
                    throw;
                }

                LogWaiting(logger, attempt, ex.Message);
                if (AfterFailedAttempt is { } hook)
                {
                    await hook(attempt);
                }

                await Task.Delay(pause, time, cancellationToken);
            }
        }
    }

    /// <summary>0.5 s, 1 s, 2 s, 4 s, then 5 s between attempts.</summary>
    public static TimeSpan Pause(int attempt) =>
        TimeSpan.FromTicks(Math.Min(LongestPause.Ticks, FirstPause.Ticks << Math.Min(attempt - 1, 10)));

    /// <summary>
    /// Whether the failure can pass by itself: the server unreachable, slow to answer, starting up, shutting down or out
    /// of connection slots. Authentication, a missing database or a bad setting cannot, so they are not waited out.
    /// </summary>
    public static bool IsWorthWaiting(Exception exception) => exception switch
    {
        PostgresException pg => pg.SqlState is "57P03" or "57P01" or "57P02" or "53300" or "53400" || pg.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException { InnerException: TimeoutException or SocketException or IOException } => true,
        NpgsqlException npgsql => npgsql.IsTransient,
        TimeoutException or SocketException => true,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL did not answer (attempt {Attempt}: {Reason}); waiting for it")]
    private static partial void LogWaiting(ILogger logger, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL answered at attempt {Attempt}")]
    private static partial void LogAnswered(ILogger logger, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "PostgreSQL did not answer in {Attempt} attempts within {Wait}; giving up")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, int attempt, TimeSpan wait);
}
