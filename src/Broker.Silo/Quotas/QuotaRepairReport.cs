using Broker.Silo.Diagnostics;
using Broker.Silo.Storage;
using Microsoft.Extensions.Logging;

namespace Broker.Silo.Quotas;

/// <summary>What the quota pass tells operators once its repairs are durable: a metric per kind and one warning.</summary>
public static partial class QuotaRepairReport
{
    public static void Repaired(ILogger logger, string department, IReadOnlyList<QuotaRepair> repairs)
    {
        foreach (var kind in repairs.GroupBy(r => r.Kind))
        {
            BrokerMetrics.QuotaDriftRepaired.WithLabels(department, WireText.Of(kind.Key)).Inc(kind.Count());
        }

        LogDriftRepaired(logger, repairs.Count, department);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quota pass repaired {Count} system-owned reservations of department {Department} that differed from its live resources")]
    private static partial void LogDriftRepaired(ILogger logger, int count, string department);
}
