using System.Collections.Concurrent;
using Broker.Provisioners.Contract;
using Broker.Provisioners.Simulated;
using static Broker.Provisioners.Tests.Simulated.TestRoom;

namespace Broker.Provisioners.Tests.Simulated;

public sealed class ConcurrencyTests
{
    private const int Workers = 16;
    private const int IdsPerWorker = 40;
    private const int OperationsPerWorker = 8_000;

    [Fact]
    public async Task Concurrent_applies_resizes_and_deletes_of_many_ids_never_over_allocate_a_host_and_lose_no_booking()
    {
        var t = new TestRoom(new SimulatedMachineRoomOptions
        {
            // Room for about half of what the workers ask for, so that placements compete for the last free space.
            HostGroups = [Group("rack", 6, vcpu: 64, memoryGib: 512, storageGib: 4000, cpuOvercommit: 2.0)],
            ProvisioningDelay = TimeSpan.Zero, // deletions complete at once, so freed room is fought over at once
        });
        var violations = 0;
        using var stop = new CancellationTokenSource();
        var watcher = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var hosts = t.Room.GetCapacity().Hosts;
                violations += hosts.Count(h => !h.Figures.Allocated.FitsWithin(h.Figures.Allocatable) || !CapacityAmounts.Zero.FitsWithin(h.Figures.Allocated));
            }
        });

        // What each id holds, as acknowledged by the room; every id belongs to one worker, so only that worker writes it.
        var held = new ConcurrentDictionary<string, DesiredResource>(StringComparer.Ordinal);
        var (placed, refused) = (0, 0);
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            for (var op = 0; op < OperationsPerWorker; op++)
            {
                var id = $"w{w}-{random.Next(IdsPerWorker)}";
                var d = random.Next(4) == 0
                    ? Database(id, random.Next(1, 4), vcpu: random.Next(1, 5), memoryGib: random.Next(4, 17), storageGib: 20)
                    : Vm(id.Replace("w", "v", StringComparison.Ordinal), vcpu: random.Next(1, 9), memoryGib: random.Next(2, 25), storageGib: 20, running: random.Next(5) > 0);
                try
                {
                    if (random.Next(3) == 0)
                    {
                        await t.Room.DeleteAsync(d.ResourceId);
                        held.TryRemove(d.ResourceId, out _);
                    }
                    else
                    {
                        await t.Room.ApplyAsync(held.GetValueOrDefault(d.ResourceId) ?? d); // a replay, or a new resource
                        await t.Room.ApplyAsync(d);                                          // a resize, stop or start
                        held[d.ResourceId] = d;
                        Interlocked.Increment(ref placed);
                    }
                }
                catch (ProvisionerException e) when (e.Permanent)
                {
                    Interlocked.Increment(ref refused);
                }
            }
        })));
        await stop.CancelAsync();
        await watcher;

        var final = t.Room.GetCapacity();
        Assert.Equal(0, violations);
        AssertNoHostOverAllocated(final);
        Assert.True(refused > 100 && placed > 100, $"placed {placed}, refused {refused}: the room should fill up and keep accepting");
        var expected = CapacityAmounts.Zero;
        var placements = 0;
        foreach (var (id, holds) in held)
        {
            var observed = await t.Room.ObserveAsync(id);
            var instances = observed.Outputs["placement"].Split(',');
            Assert.Equal(instances.Length, instances.Distinct().Count());
            var perInstance = holds.Kind == WorkloadKind.Vm && !holds.Running
                ? new CapacityAmounts(0, 0, holds.StorageGib)
                : new CapacityAmounts(holds.Vcpu, holds.MemoryGib, holds.StorageGib);
            expected += Enumerable.Repeat(perInstance, instances.Length).Aggregate((a, b) => a + b);
            placements += instances.Length;
        }

        Assert.Equal(expected, final.Total.Allocated);
        Assert.Equal(placements, final.Hosts.Sum(h => h.Placements));
    }

    [Fact]
    public async Task Many_concurrent_applies_of_one_id_place_it_once()
    {
        var t = new TestRoom(Group("rack", 4));

        var observed = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => t.Room.ApplyAsync(Database("db-1", 3)))));

        Assert.Single(observed.Select(o => o.Outputs["placement"]).Distinct());
        Assert.Equal(new CapacityAmounts(6, 24, 150), t.Room.GetCapacity().Total.Allocated);
    }
}
