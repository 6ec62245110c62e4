using Npgsql;

namespace Broker.Bench.Quota;

/// <summary>
/// Compare-and-swap on a version, the way Kubernetes admits against a ResourceQuota: read the quota without a
/// lock, decide, then write use and version only if the version is still the one read; on a lost race, read
/// again and retry. Each write is one statement (one transaction) that also records the reservation, so only a
/// winning write leaves a row behind.
/// </summary>
public sealed class OptimisticDesign(BaselineDatabase database) : IQuotaDesign
{
    private const string ReadSql = """
        select vcpu_limit - vcpu_used, memory_gib_limit - memory_gib_used, vms_limit - vms_used, version
        from quota where department = @department
        """;

    private const string GrantSql = """
        with swapped as (
            update quota set vcpu_used = vcpu_used + @vcpu, memory_gib_used = memory_gib_used + @memory_gib,
                vms_used = vms_used + @vms, version = version + 1
            where department = @department and version = @version
            returning 1
        )
        insert into reservation (id, department, vcpu, memory_gib, vms, state, actor)
        select @id, @department, @vcpu, @memory_gib, @vms, @state, 'bench:quota'
        where exists (select from swapped)
        """;

    private const string ReadHeldSql = """
        select r.department, r.vcpu, r.memory_gib, r.vms, q.version
        from reservation r join quota q using (department)
        where r.id = @id and r.state = 'held'
        """;

    private const string ReleaseSql = """
        with swapped as (
            update quota set vcpu_used = vcpu_used - @vcpu, memory_gib_used = memory_gib_used - @memory_gib,
                vms_used = vms_used - @vms, version = version + 1
            where department = @department and version = @version
            returning 1
        )
        update reservation set state = 'released', updated_at = now()
        where id = @id and state = 'held' and exists (select from swapped)
        """;

    private long _retries;

    public string Name => "optimistic";

    public static async Task<OptimisticDesign> CreateAsync(string connectionString) => new(await BaselineDatabase.CreateAsync(connectionString));

    public Task CreateDepartmentsAsync(IReadOnlyList<string> departments, Demand limits) => database.InsertDepartmentsAsync(departments, limits);

    public async Task<bool> ReserveAsync(string department, string id, Demand demand)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        while (true)
        {
            Demand available;
            long version;
            await using (var read = new NpgsqlCommand(ReadSql, connection))
            {
                read.Parameters.Add(new NpgsqlParameter<string>("department", department));
                await using var reader = await read.ExecuteReaderAsync();
                if (!await reader.ReadAsync())
                {
                    throw new InvalidOperationException($"Department {department} is missing.");
                }

                available = new Demand(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
                version = reader.GetInt64(3);
            }

            if (available.IsExceededBy(demand))
            {
                // A denial changes no quota, so it needs no version check: it was true of the state just read.
                await using var deny = new NpgsqlCommand(ReservationRow.InsertSql, connection);
                ReservationRow.AddParameters(deny.Parameters, id, department, demand, "denied");
                await deny.ExecuteNonQueryAsync();
                return false;
            }

            await using var grant = new NpgsqlCommand(GrantSql, connection);
            ReservationRow.AddParameters(grant.Parameters, id, department, demand, "held");
            grant.Parameters.Add(new NpgsqlParameter<long>("version", version));
            if (await grant.ExecuteNonQueryAsync() == 1)
            {
                return true;
            }

            Interlocked.Increment(ref _retries);
        }
    }

    public async Task ReleaseAsync(string department, string id)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        while (true)
        {
            Demand held;
            long version;
            await using (var read = new NpgsqlCommand(ReadHeldSql, connection))
            {
                read.Parameters.Add(new NpgsqlParameter<string>("id", id));
                await using var reader = await read.ExecuteReaderAsync();
                if (!await reader.ReadAsync())
                {
                    return; // Already released: releasing again changes nothing.
                }

                department = reader.GetString(0);
                held = new Demand(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
                version = reader.GetInt64(4);
            }

            await using var release = new NpgsqlCommand(ReleaseSql, connection);
            release.Parameters.Add(new NpgsqlParameter<string>("id", id));
            release.Parameters.Add(new NpgsqlParameter<string>("department", department));
            release.Parameters.Add(new NpgsqlParameter<long>("version", version));
            BaselineDatabase.AddDemand(release.Parameters, held);
            if (await release.ExecuteNonQueryAsync() == 1)
            {
                return;
            }

            Interlocked.Increment(ref _retries);
        }
    }

    public Task<QuotaAudit> AuditAsync(IReadOnlyList<string> departments, Demand limits, bool quiesced) =>
        database.AuditAsync(departments, limits, quiesced);

    public DesignCounters Counters() => new(Interlocked.Read(ref _retries), 0, 0, 0);

    public ValueTask DisposeAsync() => database.DisposeAsync();
}
