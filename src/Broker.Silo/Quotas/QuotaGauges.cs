using Broker.Silo.Diagnostics;
using Broker.Silo.Tenancy;

namespace Broker.Silo.Quotas;

/// <summary>The quota gauges of a department, from what PostgreSQL holds (never from decisions still in flight).</summary>
public static class QuotaGauges
{
    public static void Publish(string code, DepartmentData durable, IEnumerable<string> dimensions)
    {
        if (!durable.Exists)
        {
            return;
        }

        foreach (var dimension in dimensions)
        {
            BrokerMetrics.QuotaAmount.WithLabels(code, dimension, "limit").Set(durable.Limits[dimension]);
            BrokerMetrics.QuotaAmount.WithLabels(code, dimension, "used").Set(durable.Used[dimension]);
            BrokerMetrics.QuotaAmount.WithLabels(code, dimension, "reserved").Set(durable.Reserved[dimension]);
        }
    }
}
