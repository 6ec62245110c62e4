using Broker.Silo.Metering;

namespace Broker.Silo.Sla;

/// <summary>
/// The assessment as pure functions over the months' figures. Per scope: attainment per (tier, target) from the summed
/// minutes of every month; a tier scores 100 at or above target, less <see cref="AssessmentOptions.PenaltyPerPoint"/>
/// per point below (floor 0); availability is the tier scores weighted by <see cref="AssessmentOptions.TierWeights"/>;
/// satisfaction is the mean of the scope's form scores; the score weighs the two parts with
/// <see cref="AssessmentOptions.Weights"/>, or is the one part there is. Every figure is rounded half-up to 2 decimals
/// (attainment to 3) before it is used, so what is shown is what was graded.
/// </summary>
public static class AssessmentScoring
{
    public const string CityScope = "city";

    public const string Excellent = "excellent";
    public const string Good = "good";
    public const string Pass = "pass";
    public const string Fail = "fail";

    public static readonly string[] Grades = [Excellent, Good, Pass, Fail];

    /// <param name="months">Each month's measured attainment (every department) and form scores by department.</param>
    /// <param name="department">One department (no city figure), or null for every department and the city.</param>
    public static Assessment Assess(
        AssessmentPeriod period, IReadOnlyList<AssessmentMonth> months, string? department, AssessmentOptions options)
    {
        var attainments = months.SelectMany(m => m.Attainments).Where(a => department is null || a.DepartmentId == department).ToList();
        var answers = months.SelectMany(m => m.Satisfaction).Where(s => department is null || s.Key == department).ToList();
        var departments = attainments.Select(a => a.DepartmentId).Concat(answers.Select(a => a.Key))
            .Append(department).OfType<string>().Distinct().Order(StringComparer.Ordinal);

        var figures = new List<AssessmentFigures>();
        var departmentSatisfaction = new List<decimal>();
        foreach (var code in departments)
        {
            var own = answers.Where(a => a.Key == code).Select(a => a.Value).ToList();
            var f = Figures(code, attainments.Where(a => a.DepartmentId == code), own, options);
            figures.Add(f);
            if (f.SatisfactionScore is { } s)
            {
                departmentSatisfaction.Add(s);
            }
        }

        // The city: every resource's minutes, and each answering department's satisfaction counted once.
        var city = department is null ? Figures(CityScope, attainments, departmentSatisfaction, options) with { SatisfactionAnswers = answers.Count } : null;
        return new Assessment(period.ToString(), period.Kind, months.Select(m => m.Month.ToString()).ToList(), figures, city);
    }

    public static AssessmentFigures Figures(string scope, IEnumerable<ResourceAttainment> attainments, IReadOnlyList<decimal> satisfaction, AssessmentOptions options)
    {
        var tiers = attainments
            .GroupBy(a => (a.TierCode, a.TargetPercent))
            .OrderBy(g => g.Key.TierCode, StringComparer.Ordinal).ThenBy(g => g.Key.TargetPercent)
            .Select(g => Tier(g.Key.TierCode, g.Key.TargetPercent, g.ToList(), options))
            .Where(t => t.ServiceMinutes > 0)
            .ToList();

        decimal? availability = null;
        if (tiers.Count > 0)
        {
            var weights = tiers.Sum(t => Weight(t.Tier, options));
            availability = Round(tiers.Sum(t => Weight(t.Tier, options) * t.Score) / weights);
        }

        decimal? satisfactionScore = satisfaction.Count > 0 ? Round(satisfaction.Average()) : null;
        var score = Combine(availability, satisfactionScore, options.Weights);
        return new AssessmentFigures(scope, tiers, availability, satisfactionScore, satisfaction.Count, score, score is { } s ? Grade(s, options.Grades) : null);
    }

    public static decimal? Combine(decimal? availability, decimal? satisfaction, AssessmentWeights weights) => (availability, satisfaction) switch
    {
        ({ } a, { } s) => Round((weights.Availability * a) + (weights.Satisfaction * s)),
        ({ } a, null) => a,
        (null, { } s) => s,
        _ => null,
    };

    public static string Grade(decimal score, AssessmentGrades grades) =>
        score >= grades.Excellent ? Excellent : score >= grades.Good ? Good : score >= grades.Pass ? Pass : Fail;

    /// <summary>A tier's availability score: 100 at or above target, less the penalty per point below, never below 0.</summary>
    public static decimal TierScore(decimal targetPercent, decimal attainedPercent, decimal penaltyPerPoint) =>
        Round(Math.Max(0m, 100m - (penaltyPerPoint * Math.Max(0m, targetPercent - attainedPercent))));

    private static TierAttainment Tier(string tier, decimal target, List<ResourceAttainment> resources, AssessmentOptions options)
    {
        var service = resources.Sum(r => r.ServiceMinutes);
        var down = resources.Sum(r => r.DownMinutes);
        var attained = service == 0 ? 100m : decimal.Round(100m * (service - down) / service, 3, MidpointRounding.AwayFromZero);
        var count = resources.Select(r => r.ResourceId).Distinct(StringComparer.Ordinal).Count();
        return new TierAttainment(tier, target, count, service, down, attained, TierScore(target, attained, options.PenaltyPerPoint));
    }

    private static decimal Weight(string tier, AssessmentOptions options) => options.TierWeights.GetValueOrDefault(tier, 1m);

    private static decimal Round(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero);
}

/// <summary>One month's inputs to an assessment: measured attainment of every resource, and each answering department's form score.</summary>
public sealed record AssessmentMonth(BillingMonth Month, IReadOnlyList<ResourceAttainment> Attainments, IReadOnlyDictionary<string, decimal> Satisfaction);
