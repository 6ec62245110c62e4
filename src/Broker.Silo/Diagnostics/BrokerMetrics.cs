using Prometheus;

namespace Broker.Silo.Diagnostics;

/// <summary>The broker's own Prometheus metrics. Labels come from small fixed sets; never ids.</summary>
public static class BrokerMetrics
{
    public static readonly Counter ReservationDecisions = Metrics.CreateCounter(
        "broker_quota_reservation_decisions_total",
        "Reservation requests answered by department grains, by outcome (granted, denied, replayed, conflict).",
        "outcome");

    public static readonly Counter ReservationTransitions = Metrics.CreateCounter(
        "broker_quota_reservation_transitions_total",
        "Reservations that left the held state or were given back, by transition (committed, released, expired).",
        "transition");

    public static readonly Histogram JournalBatchEntries = Metrics.CreateHistogram(
        "broker_quota_journal_batch_entries",
        "Journal entries made durable by one write of a department grain (group commit).",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(1, 2, 10) });

    public static readonly Histogram JournalWriteSeconds = Metrics.CreateHistogram(
        "broker_quota_journal_write_seconds",
        "Time of one durable journal write of a department grain.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0005, 2, 14) });

    public static readonly Counter JournalWriteFailures = Metrics.CreateCounter(
        "broker_quota_journal_write_failures_total",
        "Journal writes that failed; the grain deactivates and reloads from PostgreSQL.");

    public static readonly Gauge QuotaAmount = Metrics.CreateGauge(
        "broker_quota_amount",
        "Quota per department and dimension, by measure (limit, used, reserved).",
        "department", "dimension", "measure");

    public static readonly Counter QuotaDriftRepaired = Metrics.CreateCounter(
        "broker_quota_drift_repaired_total",
        "System-owned reservations the quota pass set back to what the department's live resources hold, by department and repair (restored, committed, resized, released).",
        "department", "repair");

    public static readonly Counter ResourceTransitions = Metrics.CreateCounter(
        "broker_resource_transitions_total",
        "Resource lifecycle events recorded, by event type.",
        "event");

    public static readonly Counter LeaseWarnings = Metrics.CreateCounter(
        "broker_resource_lease_warnings_total",
        "Resources flagged because their lease ends within the warning period.");


    public static readonly Counter OrderDecisions = Metrics.CreateCounter(
        "broker_order_decisions_total",
        "Orders placed, approved, rejected or cancelled, by outcome.",
        "outcome");

    public static readonly Counter OrderEscalations = Metrics.CreateCounter(
        "broker_order_escalations_total",
        "Orders that waited for approval longer than the configured time.");

    public static readonly Counter DriftRepaired = Metrics.CreateCounter(
        "broker_reconcile_drift_repaired_total",
        "Objects found missing, changed or orphaned on the cluster and repaired by reconciliation, by kind.",
        "kind");

    public static readonly Counter WatchRestarts = Metrics.CreateCounter(
        "broker_kube_watch_restarts_total",
        "Times the Kubernetes resource watch listed again, by kind (virtualmachine, cluster) and reason (resync, expired, disconnected).",
        "kind", "reason");

    public static readonly Counter WatchDrift = Metrics.CreateCounter(
        "broker_kube_watch_drift_total",
        "Drift the Kubernetes resource watch saw and had repaired, by kind and reason (missing, spec, unstamped, outdated).",
        "kind", "reason");

    // Chargeback (issue 5, finance views): set by Chargeback/ChargebackGaugeService at its refresh interval, so a
    // scrape never waits for a statement computation.
    public static readonly Gauge ChargebackAllocated = Metrics.CreateGauge(
        "broker_chargeback_allocated",
        "Quantity held by open ledger intervals per department and quota dimension (running or stopped).",
        "department", "dimension");

    public static readonly Gauge ChargebackMonthToDate = Metrics.CreateGauge(
        "broker_chargeback_month_to_date_cny",
        "The current month's statement total per department so far, in CNY.",
        "department");

    public static readonly Gauge ChargebackBudgetUsed = Metrics.CreateGauge(
        "broker_chargeback_budget_used_ratio",
        "Actual charges to date over the budget accrued to date, per department with an annual budget this year.",
        "department");

    public static readonly Gauge ChargebackBudgetAlert = Metrics.CreateGauge(
        "broker_chargeback_budget_alert",
        "1 when a department's budget use to date has reached the configured threshold, else 0.",
        "department", "threshold");

    public static readonly Gauge ChargebackRefreshTimestamp = Metrics.CreateGauge(
        "broker_chargeback_gauges_refreshed_timestamp_seconds",
        "When the chargeback gauges were last recomputed (Unix seconds); stale if the refresh keeps failing.");

    // Measured availability (docs/sla.md): the current month to date, per department and tier, recomputed by SlaGaugeService.
    public static readonly Gauge SlaAttainmentPercent = Metrics.CreateGauge(
        "broker_sla_attainment_percent",
        "Measured attainment of the current month to date (100 x (service - down) / service minutes), per department and SLA tier.",
        "department", "tier");

    public static readonly Gauge SlaServiceMinutes = Metrics.CreateGauge(
        "broker_sla_service_minutes",
        "Minutes of the current month to date inside the tier's service hours while resources existed and were not stopped.",
        "department", "tier");

    public static readonly Gauge SlaDownMinutes = Metrics.CreateGauge(
        "broker_sla_down_minutes",
        "Outage minutes of the current month to date that count against the target (service hours, not announced maintenance).",
        "department", "tier");

    public static readonly Gauge SlaResourcesMissed = Metrics.CreateGauge(
        "broker_sla_resources_missed",
        "Resources whose attainment of the current month to date is below their tier's target.",
        "department", "tier");

    public static readonly Gauge SlaRefreshTimestamp = Metrics.CreateGauge(
        "broker_sla_gauges_refreshed_timestamp_seconds",
        "When the SLA gauges were last recomputed (Unix seconds); stale if the refresh keeps failing.");

    public static readonly Counter SlaProbeVerdicts = Metrics.CreateCounter(
        "broker_sla_probe_verdicts_total",
        "Availability probe answers, by outcome (up, down, unknown: the backend could not be asked).",
        "outcome");

    // Capacity pools (supply side): figures per pool and dimension, set on every capacity decision and before each scrape.
    public static readonly Gauge CapacityAmount = Metrics.CreateGauge(
        "broker_capacity_amount",
        "Capacity per pool and dimension, by measure (physical, allocatable, allocated, reserved, free).",
        "pool", "dimension", "measure");

    public static readonly Gauge CapacityHeadroomRatio = Metrics.CreateGauge(
        "broker_capacity_headroom_ratio",
        "Free capacity over allocatable capacity, per pool and dimension (0 to 1).",
        "pool", "dimension");

    public static readonly Gauge CapacityHeadroomLow = Metrics.CreateGauge(
        "broker_capacity_headroom_low",
        "1 when the pool's headroom in the dimension is below Broker:Capacity:HeadroomAlertRatio, else 0.",
        "pool", "dimension");

    public static readonly Gauge CapacityRunsOutDays = Metrics.CreateGauge(
        "broker_capacity_runs_out_days",
        "Days until the pool's dimension is forecast to run out (trend plus pipeline); absent when no run-out is forecast.",
        "pool", "dimension");

    public static readonly Gauge CapacityOverbookingRatio = Metrics.CreateGauge(
        "broker_capacity_overbooking_ratio",
        "Sum of department quota limits over what the pools can sell, per dimension (above 1 is overbooked).",
        "dimension");

    public static readonly Gauge CapacityQueuedOrders = Metrics.CreateGauge(
        "broker_capacity_queued_orders",
        "Orders waiting for capacity.");

    public static readonly Counter CapacityAdmissions = Metrics.CreateCounter(
        "broker_capacity_admissions_total",
        "Capacity decisions, by outcome (placed, queued, refused, admitted-from-queue).",
        "outcome");
}
