using Broker.Contracts.Catalog;
using Broker.Contracts.Common;
using Broker.Contracts.Quotas;
using Broker.Silo.Audit;
using Broker.Silo.Storage;
using Npgsql;
using NpgsqlTypes;
using Broker.Silo.Hosting;

namespace Broker.Silo.Catalog;

/// <summary>
/// The catalog in <c>broker.catalog_*</c>: SLA tiers, plans and their immutable versions. Every write takes the plan's
/// (or tier's) row lock, so concurrent admins get consecutive versions, and appends its audit rows in the same
/// transaction, so a change and its audit entry are durable together or not at all. The catalog is small and changes
/// rarely, so it is read straight from PostgreSQL rather than held in a grain.
/// </summary>
public sealed class CatalogStore(NpgsqlDataSource dataSource, BrokerClock time)
{
    private const string PlanColumns = """
        p.code, v.version, p.kind, v.name_zh, v.name_en, p.status, v.sla_tiers, v.per_unit::text, v.spec::text, v.created_at
        """;

    private const string GetPlanSql = $"""
        select {PlanColumns}
        from broker.catalog_plans p
        join broker.catalog_plan_versions v on v.code = p.code and v.version = coalesce(@version, p.latest_version)
        where p.code = @code
        """;

    private const string ListPlansSql = $"""
        select {PlanColumns}
        from broker.catalog_plans p
        join broker.catalog_plan_versions v on v.code = p.code and v.version = p.latest_version
        where (@kind::text is null or p.kind = @kind)
          and (@status::text is null or p.status = @status)
          and (@after::text is null or p.code > @after)
        order by p.code
        limit @limit
        """;

    private const string ListVersionsSql = $"""
        select {PlanColumns}
        from broker.catalog_plans p
        join broker.catalog_plan_versions v on v.code = p.code
        where p.code = @code
        order by v.version
        """;

    // The plan row alone: locking it through the join with its latest version would, after waiting for another
    // writer, re-check the join against the version row of the old snapshot and lose the plan. The latest version is
    // read by a second statement, which in READ COMMITTED sees what the other writer committed.
    private const string LockPlanSql = "select 1 from broker.catalog_plans where code = @code for update";

    // "do nothing" rather than an error: a second create of the same code waits for the first to commit, then sees
    // nothing inserted and compares contents (a replay) instead of failing the transaction.
    private const string InsertPlanSql = """
        insert into broker.catalog_plans (code, kind, status, latest_version, created_at, updated_at)
        values (@code, @kind, 'active', 1, @at, @at)
        on conflict (code) do nothing
        """;

    private const string InsertVersionSql = """
        insert into broker.catalog_plan_versions (code, version, name_zh, name_en, sla_tiers, per_unit, spec, created_at, created_by)
        values (@code, @version, @name_zh, @name_en, @sla_tiers, @per_unit::jsonb, @spec::jsonb, @at, @created_by)
        """;

    private const string SetLatestSql = "update broker.catalog_plans set latest_version = @version, updated_at = @at where code = @code";

    private const string SetStatusSql = "update broker.catalog_plans set status = @status, updated_at = @at where code = @code";

    private const string TierColumns = """
        code, name_zh, name_en, availability_pct, service_hours, rpo_minutes, rto_minutes, price_multiplier, updated_at
        """;

    private const string ListTiersSql = $"select {TierColumns} from broker.catalog_sla_tiers order by rank, code";

    private const string GetTierSql = $"select {TierColumns} from broker.catalog_sla_tiers where code = @code";

    private const string LockTierSql = $"select {TierColumns} from broker.catalog_sla_tiers where code = @code for update";

    private const string UpdateTierSql = """
        update broker.catalog_sla_tiers
        set name_zh = @name_zh, name_en = @name_en, availability_pct = @availability_pct, service_hours = @service_hours,
            rpo_minutes = @rpo_minutes, rto_minutes = @rto_minutes, price_multiplier = @price_multiplier, updated_at = @at
        where code = @code
        """;

    /// <summary>Version <paramref name="version"/> of the plan, or its latest when null; null when either does not exist.</summary>
    public async Task<PlanVersion?> GetPlanAsync(string code, int? version = null, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(GetPlanSql);
        command.Parameters.Add(new NpgsqlParameter<string>("code", code));
        command.Parameters.Add(new NpgsqlParameter("version", NpgsqlDbType.Integer) { Value = (object?)version ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadPlan(reader) : null;
    }

    /// <summary>The latest version of each plan in code order after <paramref name="after"/> (keyset paging).</summary>
    public async Task<IReadOnlyList<PlanVersion>> ListPlansAsync(
        OfferingKind? kind, PlanStatus? status, string? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(ListPlansSql);
        command.Parameters.Add(Text("kind", kind is null ? null : CatalogText.Kind(kind.Value)));
        command.Parameters.Add(Text("status", status is null ? null : CatalogText.Status(status.Value)));
        command.Parameters.Add(Text("after", after));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        return await ReadPlansAsync(command, cancellationToken);
    }

    /// <summary>Every version of a plan, oldest first; empty when the plan does not exist.</summary>
    public async Task<IReadOnlyList<PlanVersion>> ListVersionsAsync(string code, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(ListVersionsSql);
        command.Parameters.Add(new NpgsqlParameter<string>("code", code));
        return await ReadPlansAsync(command, cancellationToken);
    }

    /// <summary>
    /// Creates version 1 of a new plan. If the code exists, the same content as its version 1 is a replay (unchanged,
    /// version 1 returned) and other content a conflict.
    /// </summary>
    public async Task<CatalogResult<PlanVersion>> CreatePlanAsync(string code, PlanDraft draft, Actor actor, CancellationToken cancellationToken = default)
    {
        var at = time.GetUtcNow();
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var insert = new NpgsqlCommand(InsertPlanSql, connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter<string>("code", code));
            insert.Parameters.Add(new NpgsqlParameter<string>("kind", CatalogText.Kind(draft.Kind)));
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", at));
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                var created = draft.ToVersion(code, 1, PlanStatus.Active, at);
                await using var batch = new NpgsqlBatch(connection, transaction);
                batch.BatchCommands.Add(InsertVersion(created, actor));
                AuditLog.AddInsert(batch, [Audit(at, actor, "plan", code, "plan.created", null, created)]);
                await batch.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return CatalogResult<PlanVersion>.Done(created, changed: true);
            }
        }

        var first = await GetPlanAsync(code, 1, cancellationToken);
        return first is not null && draft.Matches(first)
            ? CatalogResult<PlanVersion>.Done(first, changed: false)
            : CatalogResult<PlanVersion>.Refused(BrokerErrorKind.Conflict, "plan.exists", "code");
    }

    /// <summary>
    /// Adds the next version of a plan. Content identical to the latest version writes nothing and returns it; a retired
    /// plan takes no versions; the kind of a plan never changes.
    /// </summary>
    public async Task<CatalogResult<PlanVersion>> AddVersionAsync(string code, PlanDraft draft, Actor actor, CancellationToken cancellationToken = default)
    {
        var at = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var latest = await LockPlanAsync(connection, transaction, code, cancellationToken);
        if (latest is null)
        {
            return CatalogResult<PlanVersion>.Refused(BrokerErrorKind.NotFound, "plan.not-found");
        }

        if (latest.Status == PlanStatus.Retired)
        {
            return CatalogResult<PlanVersion>.Refused(BrokerErrorKind.Conflict, "plan.retired");
        }

        if (latest.Kind != draft.Kind)
        {
            return CatalogResult<PlanVersion>.Refused(BrokerErrorKind.Invalid, "plan.kind-immutable", "kind", CatalogText.Kind(latest.Kind));
        }

        if (draft.Matches(latest))
        {
            return CatalogResult<PlanVersion>.Done(latest, changed: false);
        }

        var next = draft.ToVersion(code, latest.Version + 1, latest.Status, at);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(InsertVersion(next, actor));
        batch.BatchCommands.Add(Command(SetLatestSql, ("code", code), ("version", next.Version), ("at", at)));
        AuditLog.AddInsert(batch, [Audit(at, actor, "plan", code, "plan.version-created", latest, next)]);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return CatalogResult<PlanVersion>.Done(next, changed: true);
    }

    /// <summary>No new orders; existing resources carry on. Idempotent; a retired plan stays retired.</summary>
    public Task<CatalogResult<PlanVersion>> DeprecateAsync(string code, Actor actor, CancellationToken cancellationToken = default) =>
        SetStatusAsync(code, PlanStatus.Deprecated, "plan.deprecated", actor, cancellationToken);

    /// <summary>Nothing new at all: no orders, no versions. Idempotent and final.</summary>
    public Task<CatalogResult<PlanVersion>> RetireAsync(string code, Actor actor, CancellationToken cancellationToken = default) =>
        SetStatusAsync(code, PlanStatus.Retired, "plan.retired", actor, cancellationToken);

    /// <summary>The SLA tiers in their listing order (bronze, silver, gold).</summary>
    public async Task<IReadOnlyList<SlaTier>> ListSlaTiersAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(ListTiersSql);
        var tiers = new List<SlaTier>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            tiers.Add(ReadTier(reader));
        }

        return tiers;
    }

    public async Task<SlaTier?> GetSlaTierAsync(string code, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(GetTierSql);
        command.Parameters.Add(new NpgsqlParameter<string>("code", code));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadTier(reader) : null;
    }

    /// <summary>
    /// Replaces an existing tier's content (the set of tiers comes from the schema). Identical content writes nothing.
    /// Tiers are not versioned: the audit trail keeps each earlier content for chargeback to look back on.
    /// </summary>
    public async Task<CatalogResult<SlaTier>> UpdateSlaTierAsync(string code, SlaTierDraft draft, Actor actor, CancellationToken cancellationToken = default)
    {
        var at = time.GetUtcNow();
        draft = draft with
        {
            AvailabilityPercent = CatalogValidation.Trimmed(draft.AvailabilityPercent),
            PriceMultiplier = CatalogValidation.Trimmed(draft.PriceMultiplier),
        };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        SlaTier? current;
        await using (var select = new NpgsqlCommand(LockTierSql, connection, transaction))
        {
            select.Parameters.Add(new NpgsqlParameter<string>("code", code));
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            current = await reader.ReadAsync(cancellationToken) ? ReadTier(reader) : null;
        }

        if (current is null)
        {
            return CatalogResult<SlaTier>.Refused(BrokerErrorKind.NotFound, "sla-tier.not-found");
        }

        if (draft.Matches(current))
        {
            return CatalogResult<SlaTier>.Done(current, changed: false);
        }

        var updated = draft.ToTier(code, at);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(Command(UpdateTierSql,
            ("code", code), ("name_zh", updated.NameZh), ("name_en", updated.NameEn), ("availability_pct", updated.AvailabilityPercent),
            ("service_hours", CatalogText.Hours(updated.ServiceHours)), ("rpo_minutes", updated.RpoMinutes), ("rto_minutes", updated.RtoMinutes),
            ("price_multiplier", updated.PriceMultiplier), ("at", at)));
        AuditLog.AddInsert(batch, [Audit(at, actor, "sla-tier", code, "sla-tier.updated", current, updated)]);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return CatalogResult<SlaTier>.Done(updated, changed: true);
    }

    private async Task<CatalogResult<PlanVersion>> SetStatusAsync(string code, PlanStatus target, string action, Actor actor, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var latest = await LockPlanAsync(connection, transaction, code, cancellationToken);
        if (latest is null)
        {
            return CatalogResult<PlanVersion>.Refused(BrokerErrorKind.NotFound, "plan.not-found");
        }

        if (latest.Status == target)
        {
            return CatalogResult<PlanVersion>.Done(latest, changed: false);
        }

        if (latest.Status == PlanStatus.Retired)
        {
            return CatalogResult<PlanVersion>.Refused(BrokerErrorKind.Conflict, "plan.retired");
        }

        var updated = latest with { Status = target };
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(Command(SetStatusSql, ("code", code), ("status", CatalogText.Status(target)), ("at", at)));
        AuditLog.AddInsert(batch, [Audit(at, actor, "plan", code, action, latest, updated)]);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return CatalogResult<PlanVersion>.Done(updated, changed: true);
    }

    /// <summary>Takes the plan's row lock for the rest of the transaction and returns its latest version.</summary>
    private static async Task<PlanVersion?> LockPlanAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string code, CancellationToken cancellationToken)
    {
        await using (var lockCommand = new NpgsqlCommand(LockPlanSql, connection, transaction))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter<string>("code", code));
            if (await lockCommand.ExecuteScalarAsync(cancellationToken) is null)
            {
                return null;
            }
        }

        await using var command = new NpgsqlCommand(GetPlanSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string>("code", code));
        command.Parameters.Add(new NpgsqlParameter("version", NpgsqlDbType.Integer) { Value = DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadPlan(reader) : null;
    }

    private static NpgsqlBatchCommand InsertVersion(PlanVersion version, Actor actor)
    {
        var spec = version.Kind == OfferingKind.Vm ? BrokerJson.Serialize(version.Vm!) : BrokerJson.Serialize(version.Database!);
        return Command(InsertVersionSql,
            ("code", version.Code), ("version", version.Version), ("name_zh", version.NameZh), ("name_en", version.NameEn),
            ("sla_tiers", version.SlaTiers.ToArray()), ("per_unit", BrokerJson.Serialize(version.PerUnit)), ("spec", spec),
            ("at", version.CreatedAt), ("created_by", actor.Subject));
    }

    private static NpgsqlBatchCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter(name, value));
        }

        return command;
    }

    private static async Task<IReadOnlyList<PlanVersion>> ReadPlansAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var plans = new List<PlanVersion>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            plans.Add(ReadPlan(reader));
        }

        return plans;
    }

    private static PlanVersion ReadPlan(NpgsqlDataReader reader)
    {
        var kind = CatalogText.ParseKind(reader.GetString(2));
        var spec = reader.GetString(8);
        return new PlanVersion(
            reader.GetString(0),
            reader.GetInt32(1),
            kind,
            reader.GetString(3),
            reader.GetString(4),
            CatalogText.ParseStatus(reader.GetString(5)),
            reader.GetFieldValue<string[]>(6),
            BrokerJson.Deserialize<QuotaVector>(reader.GetString(7)),
            kind == OfferingKind.Vm ? BrokerJson.Deserialize<VmSpec>(spec) : null,
            kind == OfferingKind.Database ? BrokerJson.Deserialize<DatabaseSpec>(spec) : null,
            reader.GetFieldValue<DateTimeOffset>(9));
    }

    private static SlaTier ReadTier(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetDecimal(3),
        CatalogText.ParseHours(reader.GetString(4)),
        reader.GetInt32(5),
        reader.GetInt32(6),
        reader.GetDecimal(7),
        reader.GetFieldValue<DateTimeOffset>(8));

    private static AuditEntry Audit<T>(DateTimeOffset at, Actor actor, string objectType, string objectId, string action, T? before, T? after)
        where T : class => new(
            at, actor.Subject, actor.DisplayName, null, objectType, objectId, action,
            before is null ? null : BrokerJson.Serialize(before), after is null ? null : BrokerJson.Serialize(after), actor.CorrelationId);

    private static NpgsqlParameter Text(string name, string? value) =>
        new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };
}
