using Broker.Silo.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Broker.Silo.Hosting;

/// <summary>
/// Waits for the database to answer, then brings it up to date, before Orleans starts; registered ahead of the silo
/// and the client for that reason (both read the membership table first thing).
/// </summary>
public sealed class SchemaMigrationService(DatabaseStartupWait wait, SchemaMigrator migrator, IOptions<StorageOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await wait.WaitAsync(cancellationToken);
        if (options.Value.MigrateOnStart)
        {
            await migrator.MigrateAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
