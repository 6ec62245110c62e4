using Broker.Provisioners.Contract;

namespace Broker.Provisioners.Simulated;

/// <summary>
/// Decides where the instances of one resource go; changes nothing itself. Instances stay where they are while they
/// still fit (a resize or a restart moves only what must move); a new or displaced instance goes to the eligible host
/// with the most free memory, ties broken by host name, so the same books always give the same answer. Instances of one
/// resource never share a host (anti-affinity).
/// </summary>
internal static class PlacementPlanner
{
    /// <param name="hosts">Every host, ordered by name.</param>
    /// <param name="current">Where the resource's instances are now (empty for a new resource).</param>
    /// <param name="currentPerInstance">What each of those instances holds now; counted as free, since it is being replaced.</param>
    /// <exception cref="ProvisionerException">Permanent: some instance fits nowhere; the message says what is short.</exception>
    public static IReadOnlyList<string> Plan(
        IReadOnlyList<SimulatedHost> hosts,
        IReadOnlyList<string> current,
        CapacityAmounts currentPerInstance,
        CapacityAmounts perInstance,
        int instances,
        string subject)
    {
        var free = hosts.ToDictionary(h => h.Name, h => h.Free, StringComparer.Ordinal);
        foreach (var host in current)
        {
            free[host] += currentPerInstance;
        }

        var chosen = new string?[instances];
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(instances, current.Count); i++)
        {
            if (!used.Contains(current[i]) && perInstance.FitsWithin(free[current[i]]))
            {
                Take(i, current[i]);
            }
        }

        for (var i = 0; i < instances; i++)
        {
            if (chosen[i] is not null)
            {
                continue;
            }

            var best = hosts
                .Where(h => !used.Contains(h.Name) && perInstance.FitsWithin(free[h.Name]))
                .OrderByDescending(h => free[h.Name].MemoryGib)
                .ThenBy(h => h.Name, StringComparer.Ordinal)
                .FirstOrDefault()
                ?? throw new ProvisionerException(NoFit(hosts, free, used, perInstance, i, instances, subject), permanent: true);
            Take(i, best.Name);
        }

        return chosen.Select(h => h!).ToArray();

        void Take(int instance, string host)
        {
            chosen[instance] = host;
            used.Add(host);
            free[host] -= perInstance;
        }
    }

    private static string NoFit(
        IReadOnlyList<SimulatedHost> hosts,
        Dictionary<string, CapacityAmounts> free,
        HashSet<string> used,
        CapacityAmounts need,
        int instance,
        int instances,
        string subject)
    {
        var which = instances > 1 ? $" instance {instance + 1} of {instances}" : "";
        var head = $"Simulated machine room: no host can take {subject}{which} ({need}{(instances > 1 ? " per instance" : "")})";
        var eligible = hosts.Where(h => !used.Contains(h.Name)).Select(h => free[h.Name]).ToList();
        if (eligible.Count == 0)
        {
            return $"{head}: all {hosts.Count} hosts already carry one of its instances, and instances must be on distinct hosts.";
        }

        var most = new CapacityAmounts(eligible.Max(f => f.Vcpu), eligible.Max(f => f.MemoryGib), eligible.Max(f => f.StorageGib));
        var shortOf = new List<string>();
        if (most.Vcpu < need.Vcpu)
        {
            shortOf.Add($"vCPU (at most {Math.Max(0, most.Vcpu)} free on a host)");
        }

        if (most.MemoryGib < need.MemoryGib)
        {
            shortOf.Add($"memory (at most {Math.Max(0, most.MemoryGib)} GiB free on a host)");
        }

        if (most.StorageGib < need.StorageGib)
        {
            shortOf.Add($"storage (at most {Math.Max(0, most.StorageGib)} GiB free on a host)");
        }

        return shortOf.Count > 0
            ? $"{head}: short of {string.Join(" and ", shortOf)}."
            : $"{head}: enough of each is free, but never all on one host (most free on any host: {most}).";
    }
}
