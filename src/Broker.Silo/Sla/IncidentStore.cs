using Broker.Contracts.Common;
using Broker.Silo.Audit;
using Broker.Silo.Hosting;
using Broker.Silo.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Broker.Silo.Sla;

/// <summary>
/// <c>broker.sla_incidents</c>. Every change is written with its audit row (object type <c>sla-incident</c>) in one
/// transaction, as every platform change is: an incident moves credits, so who recorded or changed it must show.
/// </summary>
public sealed class IncidentStore(NpgsqlDataSource dataSource, BrokerClock clock)
{
    public const string AuditType = "sla-incident";

    private const string Columns = "id, starts_at, ends_at, planned, announced_at, description, resources, pools, backends, created_by, created_at, updated_at";

    private const string InsertSql = $"""
        insert into broker.sla_incidents ({Columns})
        values (@id, @starts_at, @ends_at, @planned, @announced_at, @description, @resources, @pools, @backends, @created_by, @now, @now)
        """;

    private const string UpdateSql = """
        update broker.sla_incidents set starts_at = @starts_at, ends_at = @ends_at, planned = @planned, announced_at = @announced_at,
            description = @description, resources = @resources, pools = @pools, backends = @backends, updated_at = @now
        where id = @id
        """;

    private const string GetSql = $"select {Columns} from broker.sla_incidents where id = @id";

    private const string OverlappingSql = $"""
        select {Columns} from broker.sla_incidents
        where starts_at < @to and (ends_at is null or ends_at > @from)
        order by starts_at, id
        """;

    public async Task<Incident> CreateAsync(IncidentDraft draft, Actor actor, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var id = $"inc-{Guid.NewGuid():n}"[..16];
        var incident = new Incident(id, draft.Start, draft.End, draft.Planned, draft.AnnouncedAt, draft.Description, draft.Resources, draft.Pools, draft.Backends,
            actor.Subject, now, now);
        await WriteAsync(InsertSql, incident, actor, "sla-incident.recorded", null, cancellationToken);
        return incident;
    }

    /// <summary>Null when there is no such incident.</summary>
    public async Task<Incident?> UpdateAsync(string id, IncidentDraft draft, Actor actor, CancellationToken cancellationToken = default)
    {
        if (await GetAsync(id, cancellationToken) is not { } before)
        {
            return null;
        }

        var after = before with
        {
            Start = draft.Start,
            End = draft.End,
            Planned = draft.Planned,
            AnnouncedAt = draft.AnnouncedAt,
            Description = draft.Description,
            Resources = draft.Resources,
            Pools = draft.Pools,
            Backends = draft.Backends,
            UpdatedAt = clock.GetUtcNow(),
        };
        await WriteAsync(UpdateSql, after, actor, "sla-incident.changed", before, cancellationToken);
        return after;
    }

    public async Task<Incident?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(GetSql);
        command.Parameters.Add(new NpgsqlParameter<string>("id", id));
        var found = await ReadAllAsync(command, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>The incidents open at some point of [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public async Task<IReadOnlyList<Incident>> OverlappingAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(OverlappingSql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("from", from.ToUniversalTime()));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("to", to.ToUniversalTime()));
        return await ReadAllAsync(command, cancellationToken);
    }

    private async Task WriteAsync(string sql, Incident incident, Actor actor, string action, Incident? before, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        var write = new NpgsqlBatchCommand(sql);
        write.Parameters.Add(new NpgsqlParameter<string>("id", incident.Id));
        write.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("starts_at", incident.Start.ToUniversalTime()));
        write.Parameters.Add(Time("ends_at", incident.End));
        write.Parameters.Add(new NpgsqlParameter<bool>("planned", incident.Planned));
        write.Parameters.Add(Time("announced_at", incident.AnnouncedAt));
        write.Parameters.Add(new NpgsqlParameter<string>("description", incident.Description));
        write.Parameters.Add(new NpgsqlParameter<string[]>("resources", [.. incident.Resources]));
        write.Parameters.Add(new NpgsqlParameter<string[]>("pools", [.. incident.Pools]));
        write.Parameters.Add(new NpgsqlParameter<string[]>("backends", [.. incident.Backends]));
        write.Parameters.Add(new NpgsqlParameter<string>("created_by", incident.CreatedBy));
        write.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", incident.UpdatedAt.ToUniversalTime()));
        batch.BatchCommands.Add(write);
        AuditLog.AddInsert(batch, [new AuditEntry(incident.UpdatedAt, actor.Subject, actor.DisplayName, null, AuditType, incident.Id, action,
            before is null ? null : BrokerJson.Serialize(before), BrokerJson.Serialize(incident), actor.CorrelationId)]);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static NpgsqlParameter Time(string name, DateTimeOffset? value) =>
        new(name, NpgsqlDbType.TimestampTz) { Value = value is { } v ? v.ToUniversalTime() : DBNull.Value };

    private static async Task<IReadOnlyList<Incident>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var incidents = new List<Incident>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            incidents.Add(new Incident(
                reader.GetString(0),
                reader.GetFieldValue<DateTimeOffset>(1),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetBoolean(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetString(5),
                reader.GetFieldValue<string[]>(6),
                reader.GetFieldValue<string[]>(7),
                reader.GetFieldValue<string[]>(8),
                reader.GetString(9),
                reader.GetFieldValue<DateTimeOffset>(10),
                reader.GetFieldValue<DateTimeOffset>(11)));
        }

        return incidents;
    }
}
