using Broker.Silo.Audit;
using Broker.Silo.Storage;
using Broker.TestSupport.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Broker.Silo.Tests.Audit;

/// <summary>The audit hash chain in PostgreSQL: made by the trigger under concurrent writers, checked by verification, guarded by ownership.</summary>
public sealed class AuditChainTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await new SchemaMigrator(_dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    private static AuditEntry Entry(string? department, string action) =>
        new(DateTimeOffset.UtcNow, "tester", "测试员", department, "thing", Guid.NewGuid().ToString("n"), action, null, """{"n": 1}""", "corr");

    private async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Concurrent_writers_of_shared_and_separate_chains_keep_every_chain_whole()
    {
        var audit = new AuditLog(_dataSource);
        var before = await audit.VerifyAsync();
        var prefix = Guid.NewGuid().ToString("n")[..8];
        string?[] departments = [$"{prefix}-a", $"{prefix}-b", null];

        // 12 writers x 15 transactions, each with rows of several chains in an order of its own.
        await Task.WhenAll(Enumerable.Range(0, 12).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 15; i++)
            {
                await audit.AppendAsync(departments.Skip((writer + i) % 3).Concat(departments.Take((writer + i) % 3)).Select(d => Entry(d, $"w{writer}.{i}")).ToList());
            }
        })));

        var after = await audit.VerifyAsync();
        Assert.True(after.Intact, after.FirstBreak?.ToString());
        Assert.Equal(before.Rows + 12 * 15 * 3, after.Rows);
        Assert.Equal([180L, 180L], after.Heads.Where(h => h.Chain.StartsWith(prefix, StringComparison.Ordinal)).Select(h => h.Seq));
    }

    [Fact]
    public async Task A_row_a_superuser_changes_is_named_with_its_chain_and_hashes()
    {
        var audit = new AuditLog(_dataSource);
        var department = $"alter-{Guid.NewGuid():n}"[..20];
        await audit.AppendAsync([Entry(department, "one"), Entry(department, "two"), Entry(department, "three")]);
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var tamper = new NpgsqlCommand("""
            alter table broker.audit_log disable trigger audit_log_append_only;
            update broker.audit_log set after = '{"n": 2}' where chain = @chain and chain_seq = 2 returning id, hash;
            """, connection);
        tamper.Parameters.AddWithValue("chain", department);
        long id;
        string hash;
        await using (var reader = await tamper.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            (id, hash) = (reader.GetInt64(0), reader.GetString(1));
        }

        await ExecuteAsync(connection, "alter table broker.audit_log enable trigger audit_log_append_only");

        var result = await audit.VerifyAsync();

        Assert.False(result.Intact);
        Assert.Equal((department, (long?)id, 2L, "row-altered", hash), (result.FirstBreak!.Chain, result.FirstBreak.RowId, result.FirstBreak.Seq, result.FirstBreak.Problem, result.FirstBreak.Found));
        Assert.NotEqual(hash, result.FirstBreak.Expected);
        await ExecuteAsync(connection, "alter table broker.audit_log disable trigger audit_log_append_only");
        await ExecuteAsync(connection, $"update broker.audit_log set after = '{{\"n\": 1}}' where id = {id}");
        await ExecuteAsync(connection, "alter table broker.audit_log enable trigger audit_log_append_only");
        Assert.True((await audit.VerifyAsync()).Intact);
    }

    [Fact]
    public async Task The_application_role_adds_rows_but_cannot_rewrite_unlink_or_drop_the_log()
    {
        // Production's shape: the broker's role owns schema broker but not the audit log (infra/postgres/audit-owner.sql).
        var role = $"broker_app_{Guid.NewGuid():n}"[..30];
        await using var connection = await _dataSource.OpenConnectionAsync();
        await ExecuteAsync(connection, $"create role {role} nologin");
        await ExecuteAsync(connection, $"alter schema broker owner to {role}");
        await ExecuteAsync(connection, SchemaMigrator.AuditOwnerSql);
        try
        {
            await ExecuteAsync(connection, $"set role {role}");
            await ExecuteAsync(connection, "insert into broker.audit_log (at, actor, object_type, object_id, action, correlation_id) values (now(), 'app', 't', 'i', 'x', 'c')");
            // GET /api/platform/audit/verify runs as this role: it reads the rows and the chain heads.
            await ExecuteAsync(connection, "select count(*) from broker.audit_log");
            await ExecuteAsync(connection, "select count(*) from broker.audit_chains");
            string[] refused =
            [
                "update broker.audit_log set actor = 'b'",
                "delete from broker.audit_log",
                "truncate broker.audit_log",
                "alter table broker.audit_log disable trigger audit_log_append_only",
                "alter table broker.audit_log disable trigger all",
                "drop trigger audit_log_zz_chain on broker.audit_log",
                "drop table broker.audit_log cascade",
                "drop table broker.audit_chains cascade",
                "drop function broker.audit_log_chain() cascade",
                "drop function broker.audit_log_reject_change() cascade",
                "update broker.audit_chains set seq = 0",
                "alter table broker.audit_log owner to current_user",
                "drop schema broker cascade",
            ];
            foreach (var sql in refused)
            {
                var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, sql));
                Assert.True(error.SqlState is PostgresErrorCodes.InsufficientPrivilege, $"{sql}: {error.SqlState} {error.MessageText}");
            }
        }
        finally
        {
            await ExecuteAsync(connection, "reset role");
            await ExecuteAsync(connection, "alter schema broker owner to current_user");
            await ExecuteAsync(connection, SchemaMigrator.AuditOwnerSql);
            await ExecuteAsync(connection, $"drop owned by {role}");
            await ExecuteAsync(connection, $"drop role {role}");
        }

        var result = await new AuditLog(_dataSource).VerifyAsync();
        Assert.True(result.Intact, result.FirstBreak?.ToString());
        Assert.Contains(result.Heads, h => h.Chain == "(platform)");
    }
}
