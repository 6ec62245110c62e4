using Npgsql;

namespace Broker.Bench.Quota;

/// <summary>
/// The classic design: each reservation is one transaction that locks the department row (<c>SELECT ... FOR
/// UPDATE</c>), checks every dimension, updates use and records the reservation, then commits. The lock is held
/// through the commit's fsync, so one department admits one reservation per commit.
/// </summary>
public sealed class RowLockDesign(BaselineDatabase database) : IQuotaDesign
{
    private const string LockSql = """
        select vcpu_limit - vcpu_used, memory_gib_limit - memory_gib_used, vms_limit - vms_used
        from quota where department = @department for update
        """;

    private const string GrantSql = """
        update quota set vcpu_used = vcpu_used + @vcpu, memory_gib_used = memory_gib_used + @memory_gib, vms_used = vms_used + @vms
        where department = @department
        """;

    private const string ReleaseReservationSql = """
        update reservation set state = 'released', updated_at = now()
        where id = @id and state = 'held'
        returning department, vcpu, memory_gib, vms
        """;

    private const string GiveBackSql = """
        update quota set vcpu_used = vcpu_used - @vcpu, memory_gib_used = memory_gib_used - @memory_gib, vms_used = vms_used - @vms
        where department = @department
        """;

    public string Name => "row_lock";

    public static async Task<RowLockDesign> CreateAsync(string connectionString) => new(await BaselineDatabase.CreateAsync(connectionString));

    public Task CreateDepartmentsAsync(IReadOnlyList<string> departments, Demand limits) => database.InsertDepartmentsAsync(departments, limits);

    public async Task<bool> ReserveAsync(string department, string id, Demand demand)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        Demand available;
        await using (var select = new NpgsqlCommand(LockSql, connection, transaction))
        {
            select.Parameters.Add(new NpgsqlParameter<string>("department", department));
            await using var reader = await select.ExecuteReaderAsync();
            if (!await reader.ReadAsync())
            {
                throw new InvalidOperationException($"Department {department} is missing.");
            }

            available = new Demand(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }

        var granted = !available.IsExceededBy(demand);
        // The update and the insert go in one round trip; the lock is already ours.
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            if (granted)
            {
                var grant = new NpgsqlBatchCommand(GrantSql);
                grant.Parameters.Add(new NpgsqlParameter<string>("department", department));
                BaselineDatabase.AddDemand(grant.Parameters, demand);
                batch.BatchCommands.Add(grant);
            }

            batch.BatchCommands.Add(ReservationRow.Insert(id, department, demand, granted));
            await batch.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return granted;
    }

    public async Task ReleaseAsync(string department, string id)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        Demand held;
        await using (var release = new NpgsqlCommand(ReleaseReservationSql, connection, transaction))
        {
            release.Parameters.Add(new NpgsqlParameter<string>("id", id));
            await using var reader = await release.ExecuteReaderAsync();
            if (!await reader.ReadAsync())
            {
                return; // Already released: releasing again changes nothing.
            }

            department = reader.GetString(0);
            held = new Demand(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }

        await using (var giveBack = new NpgsqlCommand(GiveBackSql, connection, transaction))
        {
            giveBack.Parameters.Add(new NpgsqlParameter<string>("department", department));
            BaselineDatabase.AddDemand(giveBack.Parameters, held);
            await giveBack.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    public Task<QuotaAudit> AuditAsync(IReadOnlyList<string> departments, Demand limits, bool quiesced) =>
        database.AuditAsync(departments, limits, quiesced);

    public DesignCounters Counters() => DesignCounters.None;

    public ValueTask DisposeAsync() => database.DisposeAsync();
}
