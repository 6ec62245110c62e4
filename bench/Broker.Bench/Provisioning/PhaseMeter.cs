using Broker.Bench.Quota;
using Npgsql;

namespace Broker.Bench.Provisioning;

/// <summary>
/// Measures one side's batch the same way for both: first the stand-in's controllers are settled, PostgreSQL
/// checkpoints and this process collects its garbage, so neither side pays for work the previous phase left behind;
/// then CPU is sampled around the batch for this process (the placer, in process, and the load generator), the
/// PostgreSQL server (postmaster and every child, from /proc) and, apart, the stand-in's process.
/// </summary>
public sealed class PhaseMeter(CpuMeter cpu, StandInProcess standIn, string adminConnectionString)
{
    public async Task<ProvisioningPhase> MeasureAsync(Func<Task<OrderRun>> batch)
    {
        await standIn.SettleAsync();
        await CheckpointAsync();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();

        var standInBefore = await standIn.SampleAsync();
        var before = cpu.Sample();
        var run = await batch();
        var used = cpu.Sample().Minus(before);
        var standInAfter = await standIn.SampleAsync();
        return new ProvisioningPhase(run, used, StandInUsage.Between(standInBefore, standInAfter));
    }

    private async Task CheckpointAsync()
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("checkpoint", connection);
        await command.ExecuteNonQueryAsync();
    }
}
