using Npgsql;

namespace Broker.Bench.Quota;

/// <summary>
/// The tables both SQL baselines share: one quota row per department (limits, use and a version for optimistic
/// writers) and one row per reservation, so a reservation is as durable and replayable as a broker journal entry.
/// No CHECK constraint guards the limits: the designs must keep them, and the audit must be able to catch them not.
/// </summary>
public sealed class BaselineDatabase : IAsyncDisposable
{
    private const string SchemaSql = """
        create table quota (
            department       text   primary key,
            vcpu_limit       bigint not null,
            memory_gib_limit bigint not null,
            vms_limit        bigint not null,
            vcpu_used        bigint not null default 0,
            memory_gib_used  bigint not null default 0,
            vms_used         bigint not null default 0,
            version          bigint not null default 0
        );
        create table reservation (
            id         text        primary key,
            department text        not null,
            vcpu       bigint      not null,
            memory_gib bigint      not null,
            vms        bigint      not null,
            state      text        not null check (state in ('held', 'released', 'denied')),
            actor      text        not null,
            created_at timestamptz not null default now(),
            updated_at timestamptz not null default now()
        );
        """;

    private const string InsertDepartmentsSql = """
        insert into quota (department, vcpu_limit, memory_gib_limit, vms_limit)
        select unnest(@departments), @vcpu, @memory_gib, @vms
        """;

    // One statement, so one snapshot: use and the held reservations that should explain it are read together.
    private const string AuditSql = """
        select
            count(*),
            count(*) filter (where q.vcpu_used > @vcpu or q.memory_gib_used > @memory_gib or q.vms_used > @vms),
            count(*) filter (where q.vcpu_used <> coalesce(h.vcpu, 0) or q.memory_gib_used <> coalesce(h.memory_gib, 0)
                or q.vms_used <> coalesce(h.vms, 0)
                or (@quiesced and (q.vcpu_used <> 0 or q.memory_gib_used <> 0 or q.vms_used <> 0))),
            min(q.department) filter (where q.vcpu_used > @vcpu or q.memory_gib_used > @memory_gib or q.vms_used > @vms)
        from quota q
        left join (
            select department, sum(vcpu) as vcpu, sum(memory_gib) as memory_gib, sum(vms) as vms
            from reservation where state = 'held' group by department
        ) h using (department)
        where q.department = any(@departments)
        """;

    private BaselineDatabase(NpgsqlDataSource dataSource)
    {
        DataSource = dataSource;
    }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<BaselineDatabase> CreateAsync(string connectionString)
    {
        var database = new BaselineDatabase(NpgsqlDataSource.Create(connectionString));
        await using var command = database.DataSource.CreateCommand(SchemaSql);
        await command.ExecuteNonQueryAsync();
        return database;
    }

    public async Task InsertDepartmentsAsync(IReadOnlyList<string> departments, Demand limits)
    {
        await using var command = DataSource.CreateCommand(InsertDepartmentsSql);
        command.Parameters.Add(new NpgsqlParameter<string[]>("departments", departments.ToArray()));
        AddDemand(command.Parameters, limits);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<QuotaAudit> AuditAsync(IReadOnlyList<string> departments, Demand limits, bool quiesced)
    {
        await using var command = DataSource.CreateCommand(AuditSql);
        command.Parameters.Add(new NpgsqlParameter<string[]>("departments", departments.ToArray()));
        command.Parameters.Add(new NpgsqlParameter<bool>("quiesced", quiesced));
        AddDemand(command.Parameters, limits);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var over = (int)reader.GetInt64(1);
        var drift = (int)reader.GetInt64(2);
        var first = reader.IsDBNull(3) ? null : $"{reader.GetString(3)} is above its limit";
        return new QuotaAudit((int)reader.GetInt64(0), over, drift, first ?? (drift > 0 ? $"{drift} departments' use does not match their held reservations" : null));
    }

    /// <summary>Adds <c>@vcpu</c>, <c>@memory_gib</c> and <c>@vms</c>.</summary>
    public static void AddDemand(NpgsqlParameterCollection parameters, Demand demand)
    {
        parameters.Add(new NpgsqlParameter<long>("vcpu", demand.Vcpu));
        parameters.Add(new NpgsqlParameter<long>("memory_gib", demand.MemoryGib));
        parameters.Add(new NpgsqlParameter<long>("vms", demand.Vms));
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
