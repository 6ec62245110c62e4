using Broker.Silo.Storage;

namespace Broker.Silo.Tests.Storage;

public sealed class ThreadPoolFloorTests
{
    [Fact]
    public void The_floor_leaves_a_worker_for_every_pooled_connection_and_two_per_core()
    {
        var budget = new ConnectionBudgetOptions { Broker = 24, Orleans = 8, SharedPostgres = 4 };

        Assert.Equal(36 + 4, ThreadPoolFloor.For(budget, processors: 2));
        Assert.Equal(36 + 16, ThreadPoolFloor.For(budget, processors: 8));
    }

    [Fact]
    public void Applying_the_floor_raises_the_minimum_of_workers_to_it_and_never_lowers_it()
    {
        var budget = new ConnectionBudgetOptions { Broker = 40, Orleans = 12, SharedPostgres = 4 };

        ThreadPoolFloor.Apply(budget);
        ThreadPool.GetMinThreads(out var raised, out _);
        ThreadPoolFloor.Apply(new ConnectionBudgetOptions { Broker = 1, Orleans = 1, SharedPostgres = 0 });
        ThreadPool.GetMinThreads(out var after, out _);

        Assert.True(raised >= ThreadPoolFloor.For(budget, Environment.ProcessorCount), $"minimum workers {raised}");
        Assert.Equal(raised, after);
    }
}
