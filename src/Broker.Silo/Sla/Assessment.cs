namespace Broker.Silo.Sla;

/// <summary>
/// The platform's assessment for a period: each department's figures and, for the platform team and finance, the
/// city's. <see cref="Months"/> are the months it was folded from (those begun so far, for a period in progress).
/// </summary>
public sealed record Assessment(
    string Period,
    string Kind,
    IReadOnlyList<string> Months,
    IReadOnlyList<AssessmentFigures> Departments,
    AssessmentFigures? City);

/// <summary>
/// One scope's assessment (a department, or <c>city</c>): attainment per tier folded from the months' minutes, the
/// availability and satisfaction parts (0 to 100; null when there were no figures), the weighted score and its grade
/// (excellent, good, pass, fail; null when neither part had figures).
/// </summary>
public sealed record AssessmentFigures(
    string Scope,
    IReadOnlyList<TierAttainment> Tiers,
    decimal? AvailabilityScore,
    decimal? SatisfactionScore,
    int SatisfactionAnswers,
    decimal? Score,
    string? Grade);

/// <summary>
/// Attainment of one tier (and target) over the period: the resources, their service and counted down minutes summed
/// over the months, the attainment of those sums (half-up to 3 decimals), and the tier's availability score.
/// </summary>
public sealed record TierAttainment(
    string Tier,
    decimal TargetPercent,
    int Resources,
    long ServiceMinutes,
    long DownMinutes,
    decimal AttainedPercent,
    decimal Score);
