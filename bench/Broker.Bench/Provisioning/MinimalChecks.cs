namespace Broker.Bench.Provisioning;

/// <summary>The minimal controller's own account after its run: orders recorded, VMs counted in quota, creates refused, watch reopenings.</summary>
public sealed record MinimalChecks(long Orders, long QuotaVms, int FailedCreates, int WatchRestarts);
