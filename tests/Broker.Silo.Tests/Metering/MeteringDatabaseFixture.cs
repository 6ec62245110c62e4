using Broker.Silo.Catalog;
using Broker.Silo.Hosting;
using Broker.Silo.Metering;
using Broker.Silo.Storage;
using Broker.TestSupport.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Broker.Silo.Tests.Metering;

/// <summary>A migrated database of its own with the metering services on a controllable business clock; no silo needed.</summary>
public sealed class MeteringDatabaseFixture : IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _database = new();

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 3, 2, 0, 0, TimeSpan.Zero));

    public LedgerRelay Relay { get; private set; } = null!;

    public RateCardStore Cards { get; private set; } = null!;

    public StatementStore Statements { get; private set; } = null!;

    public StatementEngine Engine { get; private set; } = null!;

    public StatementCache Cache { get; private set; } = null!;

    public IntegrityCheck Integrity { get; private set; } = null!;

    public MonthClosing Closing { get; private set; } = null!;

    public UsageImportStore Imports { get; private set; } = null!;

    public OmProfileStore OmProfiles { get; private set; } = null!;

    public QuoteService Quotes { get; private set; } = null!;

    public Journal Journal { get; private set; } = null!;

    /// <summary>The measured attainment statements credit from, as each test sets it.</summary>
    public Sla.SetAttainmentSource Attainment { get; } = new();

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        DataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        await new SchemaMigrator(DataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        var clock = new BrokerClock(Time);
        Relay = new LedgerRelay(DataSource);
        Cards = new RateCardStore(DataSource);
        Statements = new StatementStore(DataSource);
        var options = Options.Create(new MeteringOptions());
        Cache = new StatementCache(clock, options);
        Engine = new StatementEngine(DataSource, Cards, Statements, Cache, clock, options, new Broker.Silo.Sla.SlaCreditSource(Attainment, DataSource));
        Integrity = new IntegrityCheck(DataSource);
        Closing = new MonthClosing(Engine, Statements, Integrity, clock);
        Imports = new UsageImportStore(DataSource, Cards);
        OmProfiles = new OmProfileStore(DataSource);
        Quotes = new QuoteService(new CatalogStore(DataSource, clock), Cards, clock);
        Journal = new Journal(DataSource);
    }

    /// <summary>The rate card in force from January 2026 that the statement tests price with, created by the first class that needs it.</summary>
    public async Task EnsureInitialCardAsync()
    {
        if ((await Cards.ListAsync()).Count == 0)
        {
            await Cards.CreateAsync(Metering.Cards.Draft(new DateOnly(2026, 1, 1), reason: "initial card"), "finance@test", "corr", Time.GetUtcNow());
        }
    }

    /// <summary>A department code of its own for each test (the fixture's database is shared by a class's tests).</summary>
    public static string NewCode(string prefix) => $"{prefix}-{Guid.NewGuid():n}"[..20];

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await _database.DisposeAsync();
    }
}
