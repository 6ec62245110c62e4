using System.Text.Json.Nodes;
using Broker.Drills.Tests.Load;

namespace Broker.Drills.Tests.Checks;

/// <summary>The load's call figures: counts by outcome and the latency of successful calls.</summary>
public static class LoadFigures
{
    public static JsonObject Of(DrillLoad load)
    {
        var calls = load.Log.All;
        return new JsonObject
        {
            ["clients"] = DrillLoad.Clients,
            ["departments"] = DrillLoad.Departments,
            ["calls"] = calls.Count,
            ["succeeded"] = calls.Count(c => c.Succeeded),
            ["failed_attempts"] = calls.Count(c => !c.Succeeded),
            ["status_503"] = calls.Count(c => c.Status == 503),
            ["status_500"] = calls.Count(c => c.Status == 500),
            ["unanswered"] = calls.Count(c => c.Status == 0),
            ["acknowledged_reservations"] = load.Ledger.Reservations.Count,
            ["acknowledged_releases"] = load.Ledger.Reservations.Count(r => r.Value),
            ["acknowledged_orders"] = load.Ledger.Orders.Count,
            ["unknown_outcomes"] = load.Ledger.Unknown.Count,
            ["quota_reads"] = load.Ledger.QuotaReads,
            ["p50_ms"] = Math.Round(CallLog.Percentile(calls, 0.50), 1),
            ["p99_ms"] = Math.Round(CallLog.Percentile(calls, 0.99), 1),
        };
    }
}
