using Broker.Provisioners.Contract;

namespace Broker.Provisioners.Simulated;

/// <summary>
/// The resources in the room, their addresses and their pending deletions, kept consistent with the host books.
/// Not thread-safe: the room calls it under its lock.
/// </summary>
internal sealed class SimulatedInventory(MachineRoomBooks books)
{
    private readonly Dictionary<string, SimulatedResource> resources = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> deletions = new();
    private readonly SimulatedAddresses addresses = new();

    public SimulatedResource? Find(string resourceId) => resources.GetValueOrDefault(resourceId);

    /// <summary>Places <paramref name="desired"/> (moving instances only if they must) and books it; throws and changes nothing if it does not fit.</summary>
    public SimulatedResource Converge(SimulatedResource? existing, DesiredResource desired, DateTimeOffset now, bool willFail)
    {
        var perInstance = SimulatedResource.Demand(desired);
        var current = existing?.Placement ?? [];
        var currentBooked = existing?.Booked ?? CapacityAmounts.Zero;
        var placement = books.Plan(current, currentBooked, perInstance, SimulatedResource.InstancesOf(desired), SimulatedResource.Subject(desired));
        books.Rebook(current, currentBooked, placement, perInstance);
        var resource = existing ?? new SimulatedResource(desired, desired.Kind == WorkloadKind.Vm ? addresses.Assign(desired.ResourceId) : null);
        resource.Converge(desired, placement, perInstance, now, willFail);
        resources[desired.ResourceId] = resource;
        return resource;
    }

    /// <summary>Marks the resource as deleting; it stays booked until <paramref name="due"/>.</summary>
    public void StartDeletion(SimulatedResource resource, DateTimeOffset now, DateTimeOffset due)
    {
        resource.DeletingSince = now;
        deletions.Enqueue(resource.Desired.ResourceId, due);
    }

    /// <summary>Completes the deletions due by <paramref name="now"/>: the resource is forgotten and its capacity and address freed.</summary>
    public void Settle(DateTimeOffset now)
    {
        while (deletions.TryPeek(out var id, out var due) && due <= now)
        {
            deletions.Dequeue();
            var gone = resources[id];
            resources.Remove(id);
            books.Release(gone.Placement, gone.Booked);
            if (gone.Address is not null)
            {
                addresses.Release(gone.Address);
            }
        }
    }
}
