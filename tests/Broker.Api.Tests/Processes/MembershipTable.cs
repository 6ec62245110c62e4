using Npgsql;

namespace Broker.Api.Tests.Processes;

/// <summary>What the Orleans membership table says about a cluster: who is an active silo.</summary>
public static class MembershipTable
{
    /// <summary>Status 3 is SiloStatus.Active in the Orleans membership contract.</summary>
    private const int Active = 3;

    public static async Task<long> ActiveSilosAsync(string connectionString, string clusterId) =>
        (await ActiveSiloPortsAsync(connectionString, clusterId)).Count;

    /// <summary>The silo ports of the active silos (every process runs on loopback, so the port names the process).</summary>
    public static async Task<IReadOnlySet<int>> ActiveSiloPortsAsync(string connectionString, string clusterId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select port from orleans_membership where deployment_id = @cluster and status = @active", connection);
        command.Parameters.AddWithValue("cluster", clusterId);
        command.Parameters.AddWithValue("active", Active);
        var ports = new HashSet<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ports.Add(reader.GetInt32(0));
        }

        return ports;
    }

    /// <summary>Whether the silo on <paramref name="siloPort"/> ever wrote a row of its own (joining, then dead when it gave up).</summary>
    public static async Task<bool> HasRowAsync(string connectionString, string clusterId, int siloPort)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from orleans_membership where deployment_id = @cluster and port = @port", connection);
        command.Parameters.AddWithValue("cluster", clusterId);
        command.Parameters.AddWithValue("port", siloPort);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }
}
