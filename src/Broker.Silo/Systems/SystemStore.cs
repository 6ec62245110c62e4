using Broker.Contracts.Quotas;
using Broker.Silo.Audit;
using Broker.Silo.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Broker.Silo.Systems;

/// <summary>
/// Reads and writes a system's row in <c>broker.systems</c>: the state as JSON plus the columns the directory lists by,
/// written in one statement and in one transaction with the change's audit rows. So the listing is never wrong, not
/// even after a crash between two writes, because there is only one write. Allocations are rows of their own in
/// <c>broker.system_allocations</c>, each written with its audit row, so an order's allocation costs one small insert
/// however many the system already holds. Allocation writes of different systems that arrive together share one
/// transaction (<see cref="GroupCommit{T}"/>); a stale one fails that transaction and the writes are retried one by
/// one, so only the stale one fails.
/// </summary>
public sealed class SystemStore : IAsyncDisposable
{
    private const string LoadSql = "select version, state::text from broker.systems where department = @department and id = @id";

    private const string LoadAllocationsSql = """
        select allocation_id, vector::text from broker.system_allocations where department = @department and system_id = @id
        """;

    // The version fence of the systems row guards allocations too: a stale activation's write fails and it reloads.
    private const string AllocateSql = """
        insert into broker.system_allocations (department, system_id, allocation_id, vector, allocated_at)
        select @department, @id, @allocation_id, @vector::jsonb, @allocated_at
        where exists (select from broker.systems where department = @department and id = @id and version = @version)
        """;

    private const string DeallocateSql = """
        delete from broker.system_allocations
        where department = @department and system_id = @id and allocation_id = @allocation_id
          and exists (select from broker.systems where department = @department and id = @id and version = @version)
        """;

    private const string SaveSql = """
        insert into broker.systems (department, id, name, category, om_tier, status, network_zone, sharing_scope, on_shared_cloud, version, state, created_at, updated_at)
        values (@department, @id, @name, @category, @om_tier, @status, @network_zone, @sharing_scope, @on_shared_cloud, @version, @state::jsonb, @created_at, @updated_at)
        on conflict (department, id) do update set
            name = excluded.name, category = excluded.category, om_tier = excluded.om_tier, status = excluded.status,
            network_zone = excluded.network_zone, sharing_scope = excluded.sharing_scope, on_shared_cloud = excluded.on_shared_cloud,
            version = excluded.version, state = excluded.state, created_at = excluded.created_at, updated_at = excluded.updated_at
        where systems.version = excluded.version - 1
        """;

    private readonly NpgsqlDataSource dataSource;
    private readonly GroupCommit<AllocationWrite> _allocations;

    public SystemStore(NpgsqlDataSource dataSource, ILogger<SystemStore> logger)
    {
        this.dataSource = dataSource;
        _allocations = new GroupCommit<AllocationWrite>("system allocation", WriteAllocationsAsync, logger);
    }

    public ValueTask DisposeAsync() => _allocations.DisposeAsync();

    /// <summary>
    /// The stored state with its allocations, and its version; <see cref="SystemData.None"/> and 0 when the system was
    /// never written. One round trip for both reads.
    /// </summary>
    public async Task<(SystemData State, long Version)> LoadAsync(string department, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Keyed(new NpgsqlBatchCommand(LoadSql), department, id));
        batch.BatchCommands.Add(Keyed(new NpgsqlBatchCommand(LoadAllocationsSql), department, id));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return (SystemData.None, 0);
        }

        var (state, version) = (BrokerJson.Deserialize<SystemData>(reader.GetString(1)), reader.GetInt64(0));
        await reader.NextResultAsync(cancellationToken);
        var allocations = new List<KeyValuePair<string, QuotaVector>>();
        while (await reader.ReadAsync(cancellationToken))
        {
            allocations.Add(KeyValuePair.Create(reader.GetString(0), BrokerJson.Deserialize<QuotaVector>(reader.GetString(1))));
        }

        return (state with { Allocations = SystemAllocations.From(allocations) }, version);
    }

    /// <summary>
    /// Stores one allocation with its audit rows, all or nothing, leaving the systems row alone. Fails when the system's
    /// stored version is not <paramref name="version"/> or the id is already stored: another activation wrote, and
    /// this one must reload.
    /// </summary>
    public Task AllocateAsync(string department, string id, string allocationId, QuotaVector vector, DateTimeOffset at, long version, IReadOnlyCollection<AuditEntry> audit)
    {
        var json = BrokerJson.Serialize(vector);
        return _allocations.WriteAsync(new AllocationWrite(department, id, version, audit, () =>
        {
            var insert = Keyed(new NpgsqlBatchCommand(AllocateSql), department, id);
            insert.Parameters.Add(new NpgsqlParameter<string>("allocation_id", allocationId));
            insert.Parameters.Add(new NpgsqlParameter<string>("vector", json));
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("allocated_at", at));
            insert.Parameters.Add(new NpgsqlParameter<long>("version", version));
            return insert;
        }));
    }

    /// <summary>Removes one stored allocation with its audit rows, all or nothing; fails as <see cref="AllocateAsync"/> does.</summary>
    public Task DeallocateAsync(string department, string id, string allocationId, long version, IReadOnlyCollection<AuditEntry> audit) =>
        _allocations.WriteAsync(new AllocationWrite(department, id, version, audit, () =>
        {
            var delete = Keyed(new NpgsqlBatchCommand(DeallocateSql), department, id);
            delete.Parameters.Add(new NpgsqlParameter<string>("allocation_id", allocationId));
            delete.Parameters.Add(new NpgsqlParameter<long>("version", version));
            return delete;
        }));

    /// <summary>
    /// Writes <paramref name="state"/> as <paramref name="version"/> with its audit rows, all or nothing. Fails when the
    /// stored version is not <c>version - 1</c>: another activation wrote in between, and this one must reload.
    /// </summary>
    public async Task SaveAsync(string department, string id, SystemData state, long version, IReadOnlyCollection<AuditEntry> audit, CancellationToken cancellationToken = default)
    {
        var registration = state.Registration ?? throw new ArgumentException("Only a registered system is stored.", nameof(state));
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);

        var save = new NpgsqlBatchCommand(SaveSql);
        save.Parameters.Add(new NpgsqlParameter<string>("department", department));
        save.Parameters.Add(new NpgsqlParameter<string>("id", id));
        save.Parameters.Add(new NpgsqlParameter<string>("name", registration.Name));
        save.Parameters.Add(new NpgsqlParameter<string>("category", WireText.Of(registration.Category)));
        save.Parameters.Add(new NpgsqlParameter<short>("om_tier", (short)registration.OmTier));
        save.Parameters.Add(new NpgsqlParameter<string>("status", WireText.Of(state.Status)));
        save.Parameters.Add(new NpgsqlParameter<string>("network_zone", WireText.Of(registration.Declarations.NetworkZone)));
        save.Parameters.Add(new NpgsqlParameter<string>("sharing_scope", WireText.Of(registration.Declarations.SharingScope)));
        save.Parameters.Add(new NpgsqlParameter<bool>("on_shared_cloud", registration.Declarations.OnSharedCloud));
        save.Parameters.Add(new NpgsqlParameter<long>("version", version));
        save.Parameters.Add(new NpgsqlParameter<string>("state", BrokerJson.Serialize(state)));
        save.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("created_at", state.CreatedAt));
        save.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("updated_at", state.UpdatedAt));
        batch.BatchCommands.Add(save);
        AuditLog.AddInsert(batch, audit);

        await batch.ExecuteNonQueryAsync(cancellationToken);
        if (save.RecordsAffected != 1)
        {
            await transaction.RollbackAsync(cancellationToken);
            throw new InvalidOperationException($"System {department}/{id} was written by someone else (expected version {version - 1}); reload.");
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand Keyed(NpgsqlBatchCommand command, string department, string id)
    {
        command.Parameters.Add(new NpgsqlParameter<string>("department", department));
        command.Parameters.Add(new NpgsqlParameter<string>("id", id));
        return command;
    }

    /// <summary>Runs the changes and their audit inserts in one transaction; commits only if each touched exactly one row.</summary>
    private Task WriteAllocationsAsync(IReadOnlyList<AllocationWrite> writes) => FencedBatch.CommitAsync(
        dataSource, writes, w => w.Change(), writes.SelectMany(w => w.Audit).ToList(),
        stale => $"Allocations of system {string.Join(", ", stale.Select(w => $"{w.Department}/{w.Id} (expected version {w.Version})"))} were written by someone else; reload.");

    /// <summary>One allocation change of one system: the statement (built afresh for each attempt) and its audit rows.</summary>
    private sealed record AllocationWrite(string Department, string Id, long Version, IReadOnlyCollection<AuditEntry> Audit, Func<NpgsqlBatchCommand> Change);
}
