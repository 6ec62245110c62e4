using Broker.Silo.Sla;

namespace Broker.Api.Sla;

/// <summary>
/// Measured attainment over a month, quarter or year (<see cref="From"/> to <see cref="To"/>, Asia/Shanghai months), at
/// one scope: per resource (<see cref="Resources"/>, each with its outages) or folded per system, department, tier or the
/// whole platform (<see cref="Figures"/>). A month still running is measured up to now.
/// </summary>
public sealed record AttainmentReport(
    string Period,
    string Kind,
    DateTimeOffset From,
    DateTimeOffset To,
    string Scope,
    IReadOnlyList<AttainmentFigure>? Figures,
    IReadOnlyList<ResourceAttainment>? Resources)
{
    public static AttainmentReport Of(AttainmentPeriod period, string scope, IReadOnlyList<ResourceAttainment> resources) => scope == AttainmentFolds.Resource
        ? new(period.Text, period.Kind, period.First.Start, period.Last.End, scope, null, resources)
        : new(period.Text, period.Kind, period.First.Start, period.Last.End, scope, AttainmentFolds.By(scope, resources), null);
}
