using Microsoft.Extensions.Options;

namespace Broker.Api.Http;

/// <summary>Runs <see cref="IdempotencyKeyPurge"/> every <see cref="IdempotencyOptions.PurgeEvery"/>; a failed pass is logged and retried next time.</summary>
public sealed partial class IdempotencyKeyPurgeService(IdempotencyKeyPurge purge, IOptions<IdempotencyOptions> options, ILogger<IdempotencyKeyPurgeService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await purge.PurgeAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging expired idempotency keys failed; retrying at the next period")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
