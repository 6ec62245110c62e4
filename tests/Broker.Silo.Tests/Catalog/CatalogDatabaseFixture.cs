using Broker.Silo.Hosting;
using Broker.Silo.Audit;
using Broker.Silo.Catalog;
using Broker.Silo.Storage;
using Broker.TestSupport.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Broker.Silo.Tests.Catalog;

/// <summary>A migrated database of its own with a <see cref="CatalogStore"/> on a controllable clock; no silo needed.</summary>
public sealed class CatalogDatabaseFixture : IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _database = new();

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 3, 8, 0, 0, TimeSpan.Zero));

    public CatalogStore Store { get; private set; } = null!;

    public AuditLog Audit { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        DataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        await new SchemaMigrator(DataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        Store = new CatalogStore(DataSource, new BrokerClock(Time));
        Audit = new AuditLog(DataSource);
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await _database.DisposeAsync();
    }

    public async Task<IReadOnlyList<AuditRecord>> AuditAsync(string objectType, string objectId) =>
        await Audit.QueryAsync(new AuditQuery(ObjectType: objectType, ObjectId: objectId, Limit: 200));
}
