using Broker.Silo.Storage;
using Broker.TestSupport.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace Broker.Silo.Tests.Storage;

public sealed class SchemaMigratorTests
{
    private static async Task<NpgsqlDataSource> NewDatabaseAsync(string prefix) =>
        NpgsqlDataSource.Create(await (await PostgresServer.GetAsync()).CreateDatabaseAsync(prefix));

    private static SchemaMigrator Migrator(NpgsqlDataSource dataSource) => new(dataSource, NullLogger<SchemaMigrator>.Instance);

    [Fact]
    public async Task A_new_database_gets_every_script_once_and_a_second_run_applies_nothing()
    {
        await using var dataSource = await NewDatabaseAsync("migrate");

        Assert.Equal(SchemaMigrator.Embedded.Count, await Migrator(dataSource).MigrateAsync());
        Assert.Equal(0, await Migrator(dataSource).MigrateAsync());

        Assert.Contains(SchemaMigrator.Embedded, m => m.Scope == "orleans");
        Assert.Contains(SchemaMigrator.Embedded, m => m.Scope == "broker");
        await using var command = dataSource.CreateCommand("select querykey from orleansquery");
        var keys = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0));
            }
        }

        // Every key the three ADO.NET providers of Orleans 10.x look up.
        string[] required =
        [
            "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey", "MembershipReadRowKey",
            "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey", "CleanupDefunctSiloEntriesKey",
            "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey",
            "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "DeleteReminderRowKey", "DeleteReminderRowsKey",
        ];
        Assert.Empty(required.Except(keys));
    }

    [Fact]
    public async Task Two_silos_migrating_a_new_database_at_once_apply_each_script_exactly_once()
    {
        await using var dataSource = await NewDatabaseAsync("race");

        var counts = await Task.WhenAll(Migrator(dataSource).MigrateAsync(), Migrator(dataSource).MigrateAsync());

        Assert.Equal(SchemaMigrator.Embedded.Count, counts.Sum());
        await using var command = dataSource.CreateCommand("select count(*) from broker_schema_migrations");
        Assert.Equal((long)SchemaMigrator.Embedded.Count, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_script_changed_after_it_was_applied_stops_the_start()
    {
        await using var dataSource = await NewDatabaseAsync("tamper");
        await Migrator(dataSource).MigrateAsync();
        await using (var tamper = dataSource.CreateCommand("update broker_schema_migrations set checksum = 'edited' where scope = 'broker' and version = 1"))
        {
            await tamper.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Migrator(dataSource).MigrateAsync());
        Assert.Contains("changed after it was applied", error.Message);
    }

    [Fact]
    public async Task The_audit_log_refuses_updates_deletes_and_truncation()
    {
        await using var dataSource = await NewDatabaseAsync("audit");
        await Migrator(dataSource).MigrateAsync();
        await using (var insert = dataSource.CreateCommand(
            "insert into broker.audit_log (at, actor, object_type, object_id, action, correlation_id) values (now(), 'a', 't', 'i', 'x', 'c')"))
        {
            await insert.ExecuteNonQueryAsync();
        }

        foreach (var sql in new[] { "update broker.audit_log set actor = 'b'", "delete from broker.audit_log", "truncate broker.audit_log" })
        {
            await using var command = dataSource.CreateCommand(sql);
            var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("append-only", error.MessageText);
        }

        await using var count = dataSource.CreateCommand("select count(*) from broker.audit_log");
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Two_racing_first_writes_of_one_grain_state_leave_one_row_and_one_loser()
    {
        await using var dataSource = await NewDatabaseAsync("guard");
        await Migrator(dataSource).MigrateAsync();
        string writeSql;
        await using (var query = dataSource.CreateCommand("select querytext from orleansquery where querykey = 'WriteToStorageKey'"))
        {
            writeSql = (string)(await query.ExecuteScalarAsync())!;
        }

        async Task<int?> FirstWrite(byte payload)
        {
            await using var command = dataSource.CreateCommand(writeSql);
            command.Parameters.Add(new NpgsqlParameter("ServiceId", NpgsqlDbType.Text) { Value = "broker" });
            command.Parameters.Add(new NpgsqlParameter("GrainTypeString", NpgsqlDbType.Text) { Value = "department" });
            command.Parameters.Add(new NpgsqlParameter("GrainIdN0", NpgsqlDbType.Bigint) { Value = 0L });
            command.Parameters.Add(new NpgsqlParameter("GrainIdN1", NpgsqlDbType.Bigint) { Value = 0L });
            command.Parameters.Add(new NpgsqlParameter("GrainIdExtensionString", NpgsqlDbType.Text) { Value = "finance-bureau" });
            command.Parameters.Add(new NpgsqlParameter("GrainIdHash", NpgsqlDbType.Integer) { Value = 42 });
            command.Parameters.Add(new NpgsqlParameter("GrainTypeHash", NpgsqlDbType.Integer) { Value = 7 });
            command.Parameters.Add(new NpgsqlParameter("PayloadBinary", NpgsqlDbType.Bytea) { Value = new[] { payload } });
            command.Parameters.Add(new NpgsqlParameter("GrainStateVersion", NpgsqlDbType.Integer) { Value = DBNull.Value });
            var result = await command.ExecuteScalarAsync();
            return result is int version ? version : null;
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => FirstWrite((byte)i)));

        Assert.Single(results, r => r == 1);
        Assert.Equal(7, results.Count(r => r is null));
        await using var rows = dataSource.CreateCommand("select count(*) from orleans_storage");
        Assert.Equal(1L, await rows.ExecuteScalarAsync());
    }
}
