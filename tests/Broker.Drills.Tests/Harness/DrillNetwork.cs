using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Broker.Drills.Tests.Harness;

/// <summary>
/// A Docker bridge network of the drill's own, with a /24 subnet chosen here so that each container gets a fixed address:
/// a silo advertises that address to the cluster, and a silo container restarted after a kill comes back at the same
/// one, as a StatefulSet pod keeps its name. Only the Docker engine's own namespaces are on it.
/// </summary>
public sealed class DrillNetwork : IAsyncDisposable
{
    private readonly DockerClient _docker;
    private readonly string _prefix;
    private int _nextHost = 10;

    private DrillNetwork(DockerClient docker, string id, string name, string prefix)
    {
        _docker = docker;
        Id = id;
        Name = name;
        _prefix = prefix;
    }

    public string Id { get; }

    public string Name { get; }

    /// <summary>Creates the network on the first free subnet of 10.213.0.0/16 (another run's or project's networks are left alone).</summary>
    public static async Task<DrillNetwork> CreateAsync(DockerClient docker, string name)
    {
        var start = Random.Shared.Next(0, 250);
        for (var attempt = 0; attempt < 16; attempt++)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"10.213.{(start + attempt) % 250}");
            try
            {
                var created = await docker.Networks.CreateNetworkAsync(new NetworksCreateParameters
                {
                    Name = name,
                    Driver = "bridge",
                    Labels = new Dictionary<string, string> { ["org.testcontainers"] = "true", ["broker.drill"] = "true" },
                    IPAM = new IPAM { Config = [new IPAMConfig { Subnet = prefix + ".0/24", Gateway = prefix + ".1" }] },
                });
                return new DrillNetwork(docker, created.ID, name, prefix);
            }
            catch (DockerApiException ex) when ((ex.ResponseBody ?? "").Contains("overlap", StringComparison.OrdinalIgnoreCase))
            {
                // Another network holds this subnet; try the next.
            }
        }

        throw new InvalidOperationException("No free /24 in 10.213.0.0/16 for the drill's network.");
    }

    /// <summary>A fresh address on the network for a new container.</summary>
    public string NextAddress() => string.Create(CultureInfo.InvariantCulture, $"{_prefix}.{Interlocked.Increment(ref _nextHost)}");

    public Task DisconnectAsync(string containerId) =>
        _docker.Networks.DisconnectNetworkAsync(Id, new NetworkDisconnectParameters { Container = containerId, Force = true });

    public Task ConnectAsync(string containerId, string address) =>
        _docker.Networks.ConnectNetworkAsync(Id, new NetworkConnectParameters
        {
            Container = containerId,
            EndpointConfig = new EndpointSettings { IPAMConfig = new EndpointIPAMConfig { IPv4Address = address } },
        });

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _docker.Networks.DeleteNetworkAsync(Id);
        }
        catch (DockerApiException)
        {
            // Containers still attached (a failed drill's): removed with them by the next `docker network prune`.
        }
    }
}
