using Npgsql;

namespace Broker.Bench.Provisioning;

/// <summary>
/// With <c>BROKER_BENCH_STATEMENTS=1</c> (which also makes the throwaway cluster load pg_stat_statements), prints to
/// stderr, for each measured batch, PostgreSQL's statements by number of calls (with their total execution time, lock
/// waits included, and rows) and the transactions committed: where the database's share of an order goes, counted
/// rather than guessed. Off by default: the extension's own bookkeeping costs PostgreSQL CPU.
/// </summary>
public sealed class StatementCounts(string adminConnectionString)
{
    public const string Variable = "BROKER_BENCH_STATEMENTS";

    private const string TopSql = """
        select calls, round(total_exec_time)::bigint, rows, left(regexp_replace(query, '\s+', ' ', 'g'), 140)
        from pg_stat_statements where query not like '%pg_stat%' order by calls desc limit 30
        """;

    // WAL written over the batch (the whole server's: only the measured side writes meanwhile), and how much of it was
    // full-page images, the first change of each page after the checkpoint taken before the batch.
    private const string WalSql = "select wal_records, wal_fpi, wal_bytes::bigint from pg_stat_wal";

    private const string CommitsSql = "select datname, xact_commit, xact_rollback from pg_stat_database where datname like 'bench%' order by datname";

    private static bool On => Environment.GetEnvironmentVariable(Variable) == "1";

    private Dictionary<string, long> _commitsBefore = [];
    private (long Records, long Images, long Bytes) _walBefore;

    /// <summary>Zeroes the statement counts and notes the transactions committed so far.</summary>
    public async Task StartAsync()
    {
        if (!On)
        {
            return;
        }

        await using var admin = await OpenAsync();
        await using (var reset = new NpgsqlCommand("create extension if not exists pg_stat_statements; select pg_stat_statements_reset()", admin))
        {
            await reset.ExecuteNonQueryAsync();
        }

        _commitsBefore = await CommitsAsync(admin);
        _walBefore = await WalAsync(admin);
    }

    /// <summary>Prints what ran since <see cref="StartAsync"/>, per order where a count is one.</summary>
    public async Task PrintAsync(int orders)
    {
        if (!On)
        {
            return;
        }

        await using var admin = await OpenAsync();
        var commits = await CommitsAsync(admin);
        foreach (var (database, count) in commits)
        {
            var delta = count - _commitsBefore.GetValueOrDefault(database);
            ProvisioningBenchmark.Progress($"statements: {database}: {delta} transactions committed, {(double)delta / Math.Max(1, orders):0.00} per order");
        }

        var wal = await WalAsync(admin);
        var perOrder = (double)Math.Max(1, orders);
        ProvisioningBenchmark.Progress(
            $"statements: WAL {(wal.Records - _walBefore.Records) / perOrder:0.0} records, {(wal.Images - _walBefore.Images) / perOrder:0.0} full-page images, {(wal.Bytes - _walBefore.Bytes) / perOrder / 1024:0.0} KiB per order");
        await using var top = new NpgsqlCommand(TopSql, admin);
        await using var reader = await top.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var calls = reader.GetInt64(0);
            ProvisioningBenchmark.Progress(
                $"statements: {(double)calls / Math.Max(1, orders),6:0.00} per order, {reader.GetInt64(1),6} ms, {reader.GetInt64(2),6} rows: {reader.GetString(3)}");
        }
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(adminConnectionString) { Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        return admin;
    }

    private static async Task<Dictionary<string, long>> CommitsAsync(NpgsqlConnection admin)
    {
        var commits = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(CommitsSql, admin);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            commits[reader.GetString(0)] = reader.GetInt64(1);
        }

        return commits;
    }

    private static async Task<(long Records, long Images, long Bytes)> WalAsync(NpgsqlConnection admin)
    {
        await using var command = new NpgsqlCommand(WalSql, admin);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}
