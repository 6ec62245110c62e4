using Broker.Silo.Metering;
using Microsoft.Extensions.Options;

namespace Broker.Silo.Sla;

/// <summary>
/// Gathers a period's inputs (each begun month's measured attainment and form scores) and hands them to
/// <see cref="AssessmentScoring"/>. Nothing is stored: an assessment is always what its months say now.
/// </summary>
public sealed class AssessmentService(
    IAttainmentSource attainment, SatisfactionStore satisfaction, IOptions<SatisfactionOptions> form, IOptions<AssessmentOptions> options)
{
    public async Task<Assessment> AssessAsync(AssessmentPeriod period, BillingMonth current, string? department, CancellationToken cancellationToken = default)
    {
        var months = period.MonthsUpTo(current);
        var answers = await satisfaction.ListAsync(months.Select(m => m.ToString()).ToList(), department, cancellationToken);
        var inputs = new List<AssessmentMonth>(months.Count);
        foreach (var month in months)
        {
            var monthText = month.ToString();
            var scores = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var answer in answers.Where(a => a.Period == monthText))
            {
                if (SatisfactionScoring.Score(answer.Scores, form.Value) is { } score)
                {
                    scores[answer.Department] = score;
                }
            }

            inputs.Add(new AssessmentMonth(month, await attainment.ForMonthAsync(month, department, cancellationToken), scores));
        }

        return AssessmentScoring.Assess(period, inputs, department, options.Value);
    }
}
