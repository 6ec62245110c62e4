using Docker.DotNet;

namespace Broker.Drills.Tests.Harness;

/// <summary>
/// A container's state as the engine reports it. <see cref="Ended"/>: its process is gone and nothing will start it
/// again, so waiting for it is pointless (a container being restarted by its policy shows <c>restarting</c>, not ended).
/// </summary>
public sealed record ContainerState(string Status, long ExitCode, long Restarts, bool OutOfMemory)
{
    public bool Ended => Status is "exited" or "dead";

    public static async Task<ContainerState> OfAsync(DockerClient docker, string id)
    {
        var inspected = await docker.Containers.InspectContainerAsync(id);
        return new ContainerState(inspected.State?.Status ?? "unknown", inspected.State?.ExitCode ?? 0, inspected.RestartCount, inspected.State?.OOMKilled == true);
    }

    public override string ToString() =>
        $"{Status}, last exit code {ExitCode}{(OutOfMemory ? " (out of memory)" : "")}, restarted {Restarts} time(s) by its policy";
}
