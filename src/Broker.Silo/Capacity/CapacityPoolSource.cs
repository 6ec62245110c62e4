using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Broker.Silo.Capacity;

/// <summary>The pools as configured, with the figures of node-backed pools read from Kubernetes now.</summary>
public sealed class CapacityPoolSource(IOptions<CapacityOptions> options, IServiceProvider services)
{
    public async Task<IReadOnlyList<PoolDefinition>> ReadAsync(CancellationToken cancellationToken = default)
    {
        var config = options.Value;
        var pools = new List<PoolDefinition>();
        foreach (var pool in config.Pools)
        {
            if (!pool.FromKubernetesNodes)
            {
                pools.Add(PoolDefinition.From(pool));
                continue;
            }

            // Validated at start: a node pool needs a client.
            var client = services.GetRequiredService<IKubernetes>();
            pools.Add(PoolDefinition.From(pool, await new KubernetesNodeCapacity(client).ReadAsync(config.PoolLabel, pool.Name, cancellationToken)));
        }

        return pools;
    }
}
