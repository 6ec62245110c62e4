using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Broker.Silo.Metering;

/// <summary>
/// Runs the ledger relay in the background on every silo; the advisory lock in <see cref="LedgerRelay"/> lets one pass
/// run at a time across silos. The first pass after start reads the whole journal (cheap once caught up: the cursor
/// filters), later ones only what was recorded since the previous pass, less a look-back margin.
/// </summary>
public sealed partial class LedgerRelayService(LedgerRelay relay, IOptions<MeteringOptions> options, ILogger<LedgerRelayService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.RelayEnabled)
        {
            return;
        }

        var since = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var (applied, full, passStart) = await relay.RunOnceAsync(since, settings.RelayBatchSize, stoppingToken);
                if (applied > 0)
                {
                    LogApplied(logger, applied);
                }

                if (full)
                {
                    continue;
                }

                if (applied >= 0)
                {
                    since = passStart - settings.RelayLookBack;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The pass was rolled back whole; the next one starts from the same cursor.
                LogFailed(logger, ex);
            }

            // Runtime time, not business time: the relay's rhythm has nothing to do with months.
            await Task.Delay(settings.RelayInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ledger relay applied {Count} journal events")]
    private static partial void LogApplied(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ledger relay pass failed; it will be retried")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
