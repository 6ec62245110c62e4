using Broker.Silo.Diagnostics;

namespace Broker.Silo.Capacity;

/// <summary>Sets the capacity gauges from a pool's figures; the alert gauge is what a Prometheus rule fires on.</summary>
public static class CapacityGauges
{
    public static void Set(IEnumerable<PoolFigures> pools, int queued, double alertRatio)
    {
        foreach (var pool in pools)
        {
            foreach (var dimension in pool.Dimensions ?? pool.Physical.Dimensions.ToHashSet())
            {
                BrokerMetrics.CapacityAmount.WithLabels(pool.Pool, dimension, "physical").Set(pool.Physical[dimension]);
                BrokerMetrics.CapacityAmount.WithLabels(pool.Pool, dimension, "allocatable").Set(pool.Allocatable[dimension]);
                BrokerMetrics.CapacityAmount.WithLabels(pool.Pool, dimension, "allocated").Set(pool.Allocated[dimension]);
                BrokerMetrics.CapacityAmount.WithLabels(pool.Pool, dimension, "reserved").Set(pool.Reserved[dimension]);
                BrokerMetrics.CapacityAmount.WithLabels(pool.Pool, dimension, "free").Set(pool.Free(dimension));
                var ratio = Headroom(pool, dimension);
                BrokerMetrics.CapacityHeadroomRatio.WithLabels(pool.Pool, dimension).Set(ratio);
                BrokerMetrics.CapacityHeadroomLow.WithLabels(pool.Pool, dimension).Set(ratio < alertRatio ? 1 : 0);
            }
        }

        BrokerMetrics.CapacityQueuedOrders.Set(queued);
    }

    /// <summary>Free over allocatable; a pool that can sell nothing has no headroom.</summary>
    public static double Headroom(PoolFigures pool, string dimension) =>
        pool.Allocatable[dimension] == 0 ? 0 : (double)pool.Free(dimension) / pool.Allocatable[dimension];
}
