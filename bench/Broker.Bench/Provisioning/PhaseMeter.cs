using Broker.Bench.Quota;
using Npgsql;

namespace Broker.Bench.Provisioning;

/// <summary>
/// Measures one side's batch the same way for both. First the stand-in's controllers are settled, every database is
/// vacuumed and analysed (so that autovacuum, set off by the previous phase's writes, does not run during this one),
/// PostgreSQL checkpoints and this process collects its garbage: neither side pays for work the previous phase left
/// behind. Then CPU is sampled around the batch for this process (the placer, in process, and the load generator), the
/// PostgreSQL server (postmaster and every child, from /proc) and, apart, the stand-in's process.
/// </summary>
public sealed class PhaseMeter(CpuMeter cpu, StandInProcess standIn, string adminConnectionString)
{
    private readonly StatementCounts _statements = new(adminConnectionString);

    public async Task<ProvisioningPhase> MeasureAsync(Func<Task<OrderRun>> batch)
    {
        await standIn.SettleAsync();
        await VacuumAndCheckpointAsync();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();

        await _statements.StartAsync();
        var standInBefore = await standIn.SampleAsync();
        var before = cpu.Sample();
        var run = await batch();
        var used = cpu.Sample().Minus(before);
        var standInAfter = await standIn.SampleAsync();
        await _statements.PrintAsync(run.Ready);
        return new ProvisioningPhase(run, used, StandInUsage.Between(standInBefore, standInAfter));
    }

    private async Task VacuumAndCheckpointAsync()
    {
        List<string> databases = [];
        await using (var admin = new NpgsqlConnection(adminConnectionString))
        {
            await admin.OpenAsync();
            await using var list = new NpgsqlCommand("select datname from pg_database where datallowconn and not datistemplate", admin);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                databases.Add(reader.GetString(0));
            }
        }

        foreach (var database in databases)
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database, Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            await using var vacuum = new NpgsqlCommand("vacuum (analyze)", connection) { CommandTimeout = 0 };
            await vacuum.ExecuteNonQueryAsync();
        }

        await using var checkpoint = new NpgsqlConnection(adminConnectionString);
        await checkpoint.OpenAsync();
        await using var command = new NpgsqlCommand("checkpoint", checkpoint);
        await command.ExecuteNonQueryAsync();
    }
}
