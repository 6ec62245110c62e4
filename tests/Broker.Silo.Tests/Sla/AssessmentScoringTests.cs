using Broker.Silo.Metering;
using Broker.Silo.Sla;

namespace Broker.Silo.Tests.Sla;

/// <summary>
/// The assessment as pure functions over hand-made monthly figures: the weighted score, the grades, and quarters and
/// years folded from their months' minutes, never re-measured.
/// </summary>
public sealed class AssessmentScoringTests
{
    private static AssessmentOptions Options() => new()
    {
        Weights = new AssessmentWeights { Availability = 0.7m, Satisfaction = 0.3m },
        TierWeights = new Dictionary<string, decimal>(StringComparer.Ordinal) { ["gold"] = 3m, ["bronze"] = 1m },
        PenaltyPerPoint = 20m,
        Grades = new AssessmentGrades { Excellent = 90m, Good = 80m, Pass = 60m },
    };

    private static ResourceAttainment R(string department, string resource, string tier, decimal target, long service, long down) =>
        SetAttainmentSource.Figures(department, "core", resource, tier, target, service, down);

    private static AssessmentMonth Month(int month, IReadOnlyList<ResourceAttainment> resources, params (string Department, decimal Score)[] satisfaction) =>
        new(new BillingMonth(2026, month), resources, satisfaction.ToDictionary(s => s.Department, s => s.Score, StringComparer.Ordinal));

    [Fact]
    public void A_month_weighs_tier_scores_and_satisfaction_into_a_score_and_a_grade()
    {
        // tax: gold 99.9 % target, 43,200 min with 216 down = 99.5 % (0.4 points below: 100 - 8 = 92);
        //      bronze 99 % target met (100). Availability (3 x 92 + 1 x 100) / 4 = 94. Satisfaction 70.
        //      Score 0.7 x 94 + 0.3 x 70 = 65.8 + 21 = 86.8: good.
        var month = Month(11,
            [R("tax", "tax-db", "gold", 99.9m, 43_200, 216), R("tax", "tax-vm", "bronze", 99m, 43_200, 0), R("health", "health-vm", "bronze", 99m, 43_200, 864)],
            ("tax", 70m));

        var assessment = AssessmentScoring.Assess(new AssessmentPeriod(AssessmentPeriod.Month, 2026, 11), [month], null, Options());

        var tax = Assert.Single(assessment.Departments, d => d.Scope == "tax");
        Assert.Equal([("bronze", 100.000m, 100m), ("gold", 99.500m, 92m)], tax.Tiers.Select(t => (t.Tier, t.AttainedPercent, t.Score)));
        Assert.Equal((94m, 70m, 86.8m, "good"), (tax.AvailabilityScore, tax.SatisfactionScore, tax.Score, tax.Grade));

        // health: bronze 98 % (1 point below: 80); no answer, so availability alone: 80, good.
        var health = Assert.Single(assessment.Departments, d => d.Scope == "health");
        Assert.Equal((80m, (decimal?)null, 80m, "good"), (health.AvailabilityScore, health.SatisfactionScore, health.Score, health.Grade));

        // City: gold 99.5 % (92); bronze (43,200 + 43,200 - 864) / 86,400 = 99.0 % exactly, met (100).
        // (3 x 92 + 100) / 4 = 94; satisfaction 70 (one department answered): 86.8.
        var city = Assert.IsType<AssessmentFigures>(assessment.City);
        Assert.Equal((94m, 70m, 86.8m, "good", 1), (city.AvailabilityScore, city.SatisfactionScore, city.Score, city.Grade, city.SatisfactionAnswers));
        Assert.Equal(["2026-11"], assessment.Months);
    }

    [Theory]
    [InlineData(90, "excellent")]
    [InlineData(89.99, "good")]
    [InlineData(80, "good")]
    [InlineData(79.99, "pass")]
    [InlineData(60, "pass")]
    [InlineData(59.99, "fail")]
    public void Grades_start_at_their_thresholds(decimal score, string grade) =>
        Assert.Equal(grade, AssessmentScoring.Grade(score, Options().Grades));

    [Fact]
    public void A_tier_loses_the_penalty_per_point_below_target_down_to_zero()
    {
        Assert.Equal(100m, AssessmentScoring.TierScore(99.9m, 99.95m, 20m));
        Assert.Equal(99.98m, AssessmentScoring.TierScore(99.9m, 99.899m, 20m));
        Assert.Equal(0m, AssessmentScoring.TierScore(99.9m, 90m, 20m));
        Assert.Equal(30m, AssessmentScoring.Combine(null, 30m, Options().Weights));
        Assert.Null(AssessmentScoring.Combine(null, null, Options().Weights));
    }

    [Fact]
    public void A_quarter_is_folded_from_its_three_months_minutes_and_answers()
    {
        // October 31 days (44,640 min), November 30 (43,200), December 31 (44,640): 132,480 gold minutes.
        // Down 0 + 432 + 0 = 432: 100 x 132,048 / 132,480 = 99.674 % (0.226 below 99.9: 100 - 4.52 = 95.48).
        // November alone would be 99.0 % (0.9 below: 82): the quarter is not the mean of monthly scores.
        var months = new[]
        {
            Month(10, [R("tax", "db", "gold", 99.9m, 44_640, 0)], ("tax", 80m)),
            Month(11, [R("tax", "db", "gold", 99.9m, 43_200, 432)]),
            Month(12, [R("tax", "db", "gold", 99.9m, 44_640, 0)], ("tax", 90m)),
        };

        var quarter = AssessmentScoring.Assess(new AssessmentPeriod(AssessmentPeriod.Quarter, 2026, 4), months, "tax", Options());

        var tax = Assert.Single(quarter.Departments);
        var gold = Assert.Single(tax.Tiers);
        Assert.Equal((1, 132_480L, 432L, 99.674m, 95.48m), (gold.Resources, gold.ServiceMinutes, gold.DownMinutes, gold.AttainedPercent, gold.Score));
        // Satisfaction: the mean of the months answered, (80 + 90) / 2 = 85. Score 0.7 x 95.48 + 0.3 x 85 = 66.836 + 25.5 = 92.336.
        Assert.Equal((85m, 2, 92.34m, "excellent"), (tax.SatisfactionScore, tax.SatisfactionAnswers, tax.Score, tax.Grade));
        Assert.Null(quarter.City); // a department's own assessment carries no city figure
        Assert.Equal(("2026-Q4", "quarter", 3), (quarter.Period, quarter.Kind, quarter.Months.Count));

        var november = AssessmentScoring.Assess(new AssessmentPeriod(AssessmentPeriod.Month, 2026, 11), [months[1]], "tax", Options());
        Assert.Equal(82m, november.Departments[0].AvailabilityScore);
    }

    [Theory]
    [InlineData("2026-11", "month", "2026-11", "2026-11")]
    [InlineData("2026-Q1", "quarter", "2026-01", "2026-03")]
    [InlineData("2026-Q4", "quarter", "2026-10", "2026-12")]
    [InlineData("2026", "year", "2026-01", "2026-12")]
    public void Periods_are_months_quarters_or_years(string text, string kind, string first, string last)
    {
        Assert.True(AssessmentPeriod.TryParse(text, out var period));
        Assert.Equal((kind, first, last, text), (period.Kind, period.First.ToString(), period.Last.ToString(), period.ToString()));
    }

    [Theory]
    [InlineData("2026-Q5")]
    [InlineData("2026-13")]
    [InlineData("1999")]
    [InlineData("2026-q1")]
    [InlineData("26")]
    [InlineData("")]
    public void Anything_else_is_not_a_period(string text) => Assert.False(AssessmentPeriod.TryParse(text, out _));

    [Fact]
    public void A_period_in_progress_is_its_months_so_far()
    {
        Assert.True(AssessmentPeriod.TryParse("2026", out var year));
        Assert.Equal(11, year.MonthsUpTo(new BillingMonth(2026, 11)).Count);
        Assert.Empty(year.MonthsUpTo(new BillingMonth(2025, 12)));
    }

    [Fact]
    public void Bad_assessment_settings_are_all_reported_at_start()
    {
        var options = Options();
        options.Weights.Satisfaction = 0.5m;
        options.TierWeights["gold"] = 0m;
        options.PenaltyPerPoint = 0m;
        options.Grades.Good = 95m;

        var result = new AssessmentOptionsValidator().Validate(null, options);

        Assert.Equal(4, result.Failures!.Count());
    }
}
