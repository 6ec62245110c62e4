using Broker.Silo.Metering;

namespace Broker.Silo.Sla;

/// <summary>
/// Measured attainment per resource for a billing month (Asia/Shanghai). The SLA report, the assessment and the
/// credit lines on statements all read it from here, so that every figure about a month comes from one measurement.
/// </summary>
public interface IAttainmentSource
{
    /// <summary>Every resource that existed in <paramref name="month"/>, or only those of <paramref name="departmentId"/>.</summary>
    Task<IReadOnlyList<ResourceAttainment>> ForMonthAsync(
        BillingMonth month, string? departmentId, CancellationToken cancellationToken = default);
}
