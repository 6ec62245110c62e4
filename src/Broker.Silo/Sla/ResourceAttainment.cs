namespace Broker.Silo.Sla;

/// <summary>
/// A resource's measured service level over one period (a month; quarters and years are folded from months, never
/// re-measured). <see cref="ServiceMinutes"/> are the minutes of the period inside the tier's service hours while the
/// resource existed and was not stopped by its department; <see cref="DownMinutes"/> the counted outage minutes within
/// them. <see cref="AttainedPercent"/> is <c>100 × (ServiceMinutes − DownMinutes) / ServiceMinutes</c> (100 when there
/// were no service minutes), rounded half-up to 3 decimals; <see cref="Met"/> compares it with <see cref="TargetPercent"/>.
/// </summary>
public sealed record ResourceAttainment(
    string DepartmentId,
    string SystemId,
    string ResourceId,
    string PlanCode,
    string TierCode,
    decimal TargetPercent,
    long ServiceMinutes,
    long DownMinutes,
    decimal AttainedPercent,
    bool Met,
    IReadOnlyList<OutageSpan> Outages);
