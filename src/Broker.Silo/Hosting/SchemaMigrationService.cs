using Broker.Silo.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Broker.Silo.Hosting;

/// <summary>Brings the database up to date before Orleans starts; registered ahead of the silo for that reason.</summary>
public sealed class SchemaMigrationService(SchemaMigrator migrator, IOptions<StorageOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStart)
        {
            await migrator.MigrateAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
