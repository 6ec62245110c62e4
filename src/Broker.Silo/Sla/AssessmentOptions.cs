namespace Broker.Silo.Sla;

/// <summary>
/// How the platform's monthly, quarterly and annual assessment (月度、季度、年度考核) combines measured attainment and
/// satisfaction into a score and a grade. Validated at start by <see cref="AssessmentOptionsValidator"/>.
/// </summary>
public sealed class AssessmentOptions
{
    public const string SectionName = "Broker:Sla:Assessment";

    public AssessmentWeights Weights { get; set; } = new();

    /// <summary>
    /// Relative weight of each SLA tier in the availability part (a tier not listed weighs 1): a gold miss costs the
    /// platform more than a bronze one.
    /// </summary>
    public Dictionary<string, decimal> TierWeights { get; set; } = new(StringComparer.Ordinal);

    /// <summary>A tier's availability score is 100 at or above its target, less this many points per percentage point below (never below 0).</summary>
    public decimal PenaltyPerPoint { get; set; } = 20m;

    public AssessmentGrades Grades { get; set; } = new();
}

/// <summary>The two parts of the score; they add up to 1. A part with no figures (no answer, no service minutes) is left out and the other counts alone.</summary>
public sealed class AssessmentWeights
{
    public decimal Availability { get; set; } = 0.7m;

    public decimal Satisfaction { get; set; } = 0.3m;
}

/// <summary>The lowest score of each grade: 优秀 excellent, 良好 good, 合格 pass; anything lower is 不合格 fail.</summary>
public sealed class AssessmentGrades
{
    public decimal Excellent { get; set; } = 90m;

    public decimal Good { get; set; } = 80m;

    public decimal Pass { get; set; } = 60m;
}
