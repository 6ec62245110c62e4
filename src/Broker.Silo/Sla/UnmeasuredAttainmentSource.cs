using Broker.Silo.Metering;

namespace Broker.Silo.Sla;

/// <summary>
/// The attainment source registered when no measurement is: no resource measured, so no credits and no availability in
/// assessments. The measurement (docs/sla.md, "Availability") registers the real <see cref="IAttainmentSource"/> in its place.
/// </summary>
public sealed class UnmeasuredAttainmentSource : IAttainmentSource
{
    public Task<IReadOnlyList<ResourceAttainment>> ForMonthAsync(BillingMonth month, string? departmentId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ResourceAttainment>>([]);
}
