using System.Collections.Concurrent;
using Broker.Contracts.Quotas;
using Broker.Contracts.Tenancy;
using Broker.Silo.Quotas;
using Broker.Silo.Tests.Hosting;
using Broker.TestSupport.Postgres;
using static Broker.Silo.Tests.Tenancy.Departments;

namespace Broker.Silo.Tests.Quotas;

public sealed class QuotaConcurrencyTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private const int Clients = 64;
    private const int OperationsPerClient = 40;

    [Fact]
    public async Task Sixty_four_clients_never_push_use_past_a_limit_and_final_use_equals_what_was_acknowledged()
    {
        var codes = new[] { NewCode("hot-a"), NewCode("hot-b"), NewCode("hot-c") };
        var limits = V(vcpu: 40, memory: 80, vms: 12);
        var outcomes = new ConcurrentDictionary<string, (string Department, QuotaVector Vector, ReservationState State)>();
        var violations = new ConcurrentBag<string>();

        await using (var silo = await TestSilo.StartAsync(database.ConnectionString))
        {
            foreach (var code in codes)
            {
                await CreateAsync(silo.Grains, code, limits);
            }

            await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
            {
                var random = new Random(client);
                var mine = new List<string>();
                for (var op = 0; op < OperationsPerClient; op++)
                {
                    var code = codes[random.Next(codes.Length)];
                    var grain = silo.Grains.GetGrain<IDepartmentGrain>(code);
                    var roll = random.Next(100);
                    var candidates = mine.Where(id => outcomes[id].Department == code && outcomes[id].State is ReservationState.Held or ReservationState.Committed).ToList();
                    if (roll < 55 || candidates.Count == 0)
                    {
                        var id = $"c{client}-{op}";
                        var vector = V(vcpu: random.Next(1, 6), memory: random.Next(0, 9), vms: random.Next(0, 2));
                        var result = await grain.ReserveAsync(Request(id, vector), Tooling, Admin);
                        outcomes[id] = (code, vector, result.Reservation!.State);
                        mine.Add(id);
                    }
                    else
                    {
                        var id = candidates[random.Next(candidates.Count)];
                        var result = roll < 80 ? await grain.ReleaseAsync(id, Tooling, Admin) : await grain.CommitAsync(id, Tooling, Admin);
                        if (result.Error is null)
                        {
                            outcomes[id] = outcomes[id] with { State = result.Reservation!.State };
                        }
                    }

                    var quota = (await grain.GetQuotaAsync())!;
                    if (!QuotaDecisions.WithinLimits(quota.Limits, quota.Used, quota.Reserved))
                    {
                        violations.Add($"{code}: used {quota.Used} + reserved {quota.Reserved} > {quota.Limits}");
                    }
                }
            }))).WaitAsync(TimeSpan.FromMinutes(3));

            Assert.Empty(violations);
            await AssertMatchesAcknowledged(silo, codes, outcomes);
        }

        // And the same figures come back from PostgreSQL alone.
        await using (var silo = await TestSilo.StartAsync(database.ConnectionString))
        {
            await AssertMatchesAcknowledged(silo, codes, outcomes);
        }

        Assert.Contains(outcomes.Values, o => o.State == ReservationState.Denied);
        Assert.Contains(outcomes.Values, o => o.State == ReservationState.Committed);
        Assert.Contains(outcomes.Values, o => o.State == ReservationState.Released);
    }

    private static async Task AssertMatchesAcknowledged(TestSilo silo, string[] codes, ConcurrentDictionary<string, (string Department, QuotaVector Vector, ReservationState State)> outcomes)
    {
        foreach (var code in codes)
        {
            var mine = outcomes.Values.Where(o => o.Department == code).ToList();
            var expectedReserved = mine.Where(o => o.State == ReservationState.Held).Aggregate(QuotaVector.Empty, (sum, o) => sum.Add(o.Vector));
            var expectedUsed = mine.Where(o => o.State == ReservationState.Committed).Aggregate(QuotaVector.Empty, (sum, o) => sum.Add(o.Vector));
            var quota = (await silo.Grains.GetGrain<IDepartmentGrain>(code).GetQuotaAsync())!;
            Assert.Equal(expectedReserved, quota.Reserved);
            Assert.Equal(expectedUsed, quota.Used);
        }
    }
}
