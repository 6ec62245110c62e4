using Broker.Silo.Chargeback;
using Broker.Silo.Hosting;
using Broker.Silo.Storage;
using Broker.TestSupport.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Broker.Silo.Tests.Chargeback;

/// <summary>
/// A migrated database of its own, the chargeback services wired as the broker wires them (with
/// <see cref="FixedStatements"/> as the engine) and helpers that write ledger intervals and systems the way the ledger
/// and the systems feature store them. No silo needed.
/// </summary>
public sealed class ChargebackDatabaseFixture : IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _database = new();
    private ServiceProvider? _services;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 5, 10, 2, 0, 0, TimeSpan.Zero));

    public FixedStatements Statements { get; } = new();

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public IServiceProvider Services => _services!;

    public ChargebackOptions Options { get; } = new()
    {
        Savings = new SavingsOptions
        {
            DedicatedUnitCost = new(StringComparer.Ordinal) { ["vcpu"] = 1000m, ["memory_gib"] = 100m, ["storage_gib"] = 2m, ["databases"] = 5000m },
            HardwareLifeYears = 5,
        },
    };

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        DataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        await new SchemaMigrator(DataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        var services = new ServiceCollection();
        services.AddSingleton(DataSource);
        services.AddSingleton(new BrokerClock(Time));
        services.AddSingleton<Broker.Silo.Metering.IStatementEngine>(Statements);
        services.AddLogging();
        services.AddBrokerChargeback(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddSingleton<IOptions<ChargebackOptions>>(Microsoft.Extensions.Options.Options.Create(Options));
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await DataSource.DisposeAsync();
        await _database.DisposeAsync();
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>One ledger interval; <paramref name="vector"/> is the quota vector as JSON.</summary>
    public async Task IntervalAsync(string department, string system, string resource, int seq, string vector,
        DateTimeOffset start, DateTimeOffset? end, bool running = true, string kind = "vm")
    {
        const string sql = """
            insert into broker.usage_intervals
                (resource_id, opened_seq, closed_seq, department, system_id, kind, plan_code, plan_version, sla_tier, running,
                 vcpu, memory_gib, storage_gib, vector, started_at, ended_at)
            values (@resource, @seq, @closed, @department, @system, @kind, 'plan', 1, 'silver', @running,
                    coalesce((@vector::jsonb->>'vcpu')::int, 0), coalesce((@vector::jsonb->>'memory_gib')::int, 0),
                    coalesce((@vector::jsonb->>'storage_gib')::int, 0), @vector::jsonb, @start, @end)
            """;
        await using var command = DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("resource", resource);
        command.Parameters.AddWithValue("seq", (long)seq);
        command.Parameters.AddWithValue("closed", end is null ? DBNull.Value : (object)(long)(seq + 1));
        command.Parameters.AddWithValue("department", department);
        command.Parameters.AddWithValue("system", system);
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("running", running);
        command.Parameters.AddWithValue("vector", vector);
        command.Parameters.AddWithValue("start", start.ToUniversalTime());
        command.Parameters.AddWithValue("end", end is null ? DBNull.Value : (object)end.Value.ToUniversalTime());
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A registered system row with its O&amp;M tier (only the columns savings reads matter).</summary>
    public async Task SystemAsync(string department, string id, int tier)
    {
        const string sql = """
            insert into broker.systems (department, id, name, category, om_tier, status, network_zone, sharing_scope, on_shared_cloud, version, state, created_at, updated_at)
            values (@department, @id, @id, 'business-application', @tier, 'approved', 'extranet', 'department', true, 1, '{}'::jsonb, now(), now())
            """;
        await using var command = DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("department", department);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("tier", (short)tier);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Local time in Asia/Shanghai (+08:00).</summary>
    public static DateTimeOffset Shanghai(int year, int month, int day, int hour = 0) => new(year, month, day, hour, 0, 0, TimeSpan.FromHours(8));
}
