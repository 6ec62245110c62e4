using Broker.Silo.Audit;
using Broker.Silo.Hosting;
using Npgsql;

namespace Broker.Api.Audit;

/// <summary>
/// <c>Broker.Api audit verify [--ConnectionStrings:Broker=...]</c>: walks the audit log's hash chains with the broker's
/// own configuration and prints the first broken link, or that every row verifies. Exit code 0 intact, 1 broken, 2 usage.
/// </summary>
public static class AuditVerifyCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (args is not ["audit", "verify", ..])
        {
            await output.WriteLineAsync("usage: audit verify [--ConnectionStrings:Broker=...]");
            return 2;
        }

        var builder = WebApplication.CreateBuilder(args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal)).ToArray());
        var connectionString = builder.Configuration.GetConnectionString(StorageOptions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await output.WriteLineAsync($"ConnectionStrings:{StorageOptions.ConnectionStringName} is not set.");
            return 2;
        }

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var result = await new AuditLog(dataSource).VerifyAsync();
        if (result.FirstBreak is { } broken)
        {
            await output.WriteLineAsync(
                $"audit log BROKEN: chain {broken.Chain}, row {(broken.RowId is { } id ? id.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-")}, " +
                $"seq {broken.Seq}: {broken.Problem}; expected {broken.Expected}, found {broken.Found}");
            await output.WriteLineAsync($"broken chains: {string.Join(", ", result.BrokenChains)}");
            return 1;
        }

        await output.WriteLineAsync($"audit log intact: all {result.Rows} rows verify in {result.Chains} chains");
        foreach (var head in result.Heads)
        {
            await output.WriteLineAsync($"{head.Chain}\t{head.Seq}\t{head.Head}");
        }

        return 0;
    }
}
