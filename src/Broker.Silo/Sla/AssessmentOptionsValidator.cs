using Microsoft.Extensions.Options;

namespace Broker.Silo.Sla;

/// <summary>Reports every bad assessment setting at start, not the first one.</summary>
public sealed class AssessmentOptionsValidator : IValidateOptions<AssessmentOptions>
{
    public ValidateOptionsResult Validate(string? name, AssessmentOptions options)
    {
        var failures = new List<string>();
        const string section = AssessmentOptions.SectionName;
        var w = options.Weights;
        if (w.Availability < 0 || w.Satisfaction < 0 || w.Availability + w.Satisfaction != 1m)
        {
            failures.Add($"{section}:Weights:Availability and Satisfaction must not be negative and must add up to 1.");
        }

        foreach (var (tier, weight) in options.TierWeights)
        {
            if (weight is <= 0 or > 100)
            {
                failures.Add($"{section}:TierWeights:{tier} must be greater than 0 and at most 100.");
            }
        }

        if (options.PenaltyPerPoint is <= 0 or > 100)
        {
            failures.Add($"{section}:PenaltyPerPoint must be greater than 0 and at most 100.");
        }

        var g = options.Grades;
        if (!(g.Pass > 0 && g.Pass < g.Good && g.Good < g.Excellent && g.Excellent <= 100))
        {
            failures.Add($"{section}:Grades must satisfy 0 < Pass < Good < Excellent <= 100.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
