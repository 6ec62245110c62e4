using DotNet.Testcontainers.Containers;

namespace Broker.Drills.Tests.Harness;

/// <summary>
/// Keeps every container's whole log (all its runs: a restarted container keeps one log) under
/// TestResults/drills/logs/&lt;drill&gt;/ before the containers are removed: a failure's message carries only a tail, and
/// a drill that passed may still hold a surprise worth reading (a silo declared dead, a slow recovery).
/// </summary>
public static class ClusterLogs
{
    public static async Task SaveAsync(string drill, IEnumerable<IContainer> containers)
    {
        var directory = Path.Combine(DrillEnvironment.ResultsDirectory, "logs", drill);
        try
        {
            // Only this run's containers: an earlier run's logs would be read as this one's.
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            Directory.CreateDirectory(directory);
            foreach (var container in containers)
            {
                var (stdout, stderr) = await container.GetLogsAsync(timestampsEnabled: true);
                await File.WriteAllTextAsync(Path.Combine(directory, container.Name.TrimStart('/') + ".log"), stdout + stderr);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Docker.DotNet.DockerApiException or InvalidOperationException)
        {
            // The logs are a help for reading a run, not part of its verdict.
            Console.WriteLine($"Could not keep the drill's container logs in {directory}: {ex.Message}");
        }
    }
}
