using System.Collections.Concurrent;
using Broker.Contracts.Capacity;
using Broker.Contracts.Quotas;
using Broker.Contracts.Resources;
using Broker.Silo.Tests.Hosting;
using Broker.TestSupport.Postgres;
using Microsoft.Extensions.Time.Testing;

namespace Broker.Silo.Tests.Capacity;

public sealed class CapacityConcurrencyTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private const int Clients = 32;
    private const int OperationsPerClient = 12;
    private static readonly QuotaVector Unit = new(new Dictionary<string, long> { ["vcpu"] = 2, ["memory_gib"] = 4, ["vms"] = 1 });

    /// <summary>Two extranet pools: 10 cores at 4:1 (40 vCPU) and 64 GiB, and 8 cores at 2:1 (16 vCPU) and 64 GiB.</summary>
    private static readonly Dictionary<string, string?> Pools = new()
    {
        ["Broker:Capacity:Pools:0:Name"] = "east",
        ["Broker:Capacity:Pools:0:Zones:0"] = "extranet",
        ["Broker:Capacity:Pools:0:Physical:vcpu"] = "10",
        ["Broker:Capacity:Pools:0:Physical:memory_gib"] = "64",
        ["Broker:Capacity:Pools:0:Overcommit:vcpu"] = "4",
        ["Broker:Capacity:Pools:1:Name"] = "west",
        ["Broker:Capacity:Pools:1:Zones:0"] = "extranet",
        ["Broker:Capacity:Pools:1:Zones:1"] = "internet",
        ["Broker:Capacity:Pools:1:Physical:vcpu"] = "8",
        ["Broker:Capacity:Pools:1:Physical:memory_gib"] = "64",
        ["Broker:Capacity:Pools:1:Overcommit:vcpu"] = "2",
    };

    [Fact]
    public async Task Many_concurrent_orders_never_overcommit_a_pool_and_the_holds_survive_a_restart_until_squared_away()
    {
        var violations = new ConcurrentBag<string>();
        var held = new ConcurrentDictionary<string, (string Pool, string Order)>();
        var outcomes = new ConcurrentBag<CapacityOutcome>();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        CapacitySnapshot before;
        await using (var silo = await TestSilo.StartAsync(database.ConnectionString, time, Pools))
        {
            var room = silo.Grains.GetGrain<ICapacityGrain>(ICapacityGrain.RoomKey);
            await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
            {
                var random = new Random(client);
                var mine = new List<(string Order, List<string> Ids)>();
                for (var op = 0; op < OperationsPerClient; op++)
                {
                    if (random.Next(100) < 70 || mine.Count == 0)
                    {
                        var order = $"o{client}x{op}";
                        var ids = Enumerable.Range(1, random.Next(1, 4)).Select(i => $"{order}-{i}").ToList();
                        var answer = await room.AdmitAsync(new CapacityRequest("dept", order, random.Next(4) == 0 ? "internet" : "extranet", ResourceKind.Vm, Unit, ids));
                        outcomes.Add(answer.Outcome);
                        if (answer.Outcome == CapacityOutcome.Placed)
                        {
                            Assert.Equal(ids.Order(), answer.Pools.Keys.Order());
                            foreach (var (id, pool) in answer.Pools)
                            {
                                held[id] = (pool, order);
                            }

                            mine.Add((order, ids));
                        }
                        else
                        {
                            Assert.Equal(CapacityOutcome.Refused, answer.Outcome);
                            Assert.Equal("capacity.exhausted", answer.Refusal!.Code);
                        }
                    }
                    else
                    {
                        var (order, ids) = mine[random.Next(mine.Count)];
                        mine.Remove((order, ids));
                        // Half are withdrawn as if quota refused them; half are built and then deleted.
                        if (random.Next(2) == 0)
                        {
                            await room.WithdrawAsync("dept", order, ids);
                        }
                        else
                        {
                            foreach (var id in ids)
                            {
                                await room.SquareAsync(new ResourceCapacity(id, held[id].Pool, "dept", order, ResourceState.Ready, Unit));
                                await room.SquareAsync(new ResourceCapacity(id, held[id].Pool, "dept", order, ResourceState.Deleted, Unit));
                            }
                        }

                        foreach (var id in ids)
                        {
                            held.TryRemove(id, out _);
                        }
                    }

                    foreach (var pool in (await room.GetSnapshotAsync()).Pools)
                    {
                        foreach (var dimension in pool.Dimensions)
                        {
                            if (pool.Allocated[dimension] + pool.Reserved[dimension] > pool.Allocatable[dimension])
                            {
                                violations.Add($"{pool.Name} {dimension}: {pool.Allocated[dimension]} + {pool.Reserved[dimension]} > {pool.Allocatable[dimension]}");
                            }
                        }
                    }
                }
            })));

            Assert.Empty(violations);
            Assert.Contains(CapacityOutcome.Refused, outcomes); // the room did fill up
            before = await room.GetSnapshotAsync();
            AssertMatches(before, held);
        }

        // A restart reloads every hold from PostgreSQL: the same figures.
        await using (var silo = await TestSilo.StartAsync(database.ConnectionString, time, Pools))
        {
            var after = await silo.Grains.GetGrain<ICapacityGrain>(ICapacityGrain.RoomKey).GetSnapshotAsync();
            Assert.Equal(before.Pools.Select(p => (p.Name, p.Reserved, p.Allocated)), after.Pools.Select(p => (p.Name, p.Reserved, p.Allocated)));
        }

        // No order or resource ever appeared for these holds: once the grace has passed, squaring drops them.
        time.Advance(TimeSpan.FromHours(1));
        await using (var silo = await TestSilo.StartAsync(database.ConnectionString, time, Pools))
        {
            var squared = await silo.Grains.GetGrain<ICapacityGrain>(ICapacityGrain.RoomKey).GetSnapshotAsync();
            Assert.All(squared.Pools, p => Assert.True(p.Reserved.IsEmpty && p.Allocated.IsEmpty, $"{p.Name}: {p.Reserved} / {p.Allocated}"));
        }
    }

    private static void AssertMatches(CapacitySnapshot snapshot, ConcurrentDictionary<string, (string Pool, string Order)> held)
    {
        foreach (var pool in snapshot.Pools)
        {
            var count = held.Values.Count(h => h.Pool == pool.Name);
            Assert.Equal(Unit["vcpu"] * count, pool.Reserved["vcpu"]);
            Assert.Equal(Unit["memory_gib"] * count, pool.Reserved["memory_gib"]);
            Assert.True(pool.Allocated.IsEmpty);
        }
    }
}
