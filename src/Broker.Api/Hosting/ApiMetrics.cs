using Prometheus;

namespace Broker.Api.Hosting;

/// <summary>The API process's own Prometheus metrics (the silo's are in BrokerMetrics). Labels from small fixed sets; never ids.</summary>
public static class ApiMetrics
{
    public static readonly Counter RateLimitRefusals = Metrics.CreateCounter(
        "broker_rate_limit_refusals_total",
        "Requests refused with 429 by the per-caller rate limits, by the caller's department (none for staff) and class (write, read).",
        "department", "class");
}
