using Broker.Contracts.Common;
using Broker.Silo.Catalog;

namespace Broker.Silo.Sla;

/// <summary>
/// The rules of a rate card's credit schedule (<c>prices.slaCredits</c>), as (field, code, args) like the rest of
/// <see cref="Metering.RateCardValidation"/>: per tier at most <see cref="MaxSteps"/> steps, each deeper than the one
/// before and crediting at least as much, shares 0 to 100 % with at most 2 decimals, depths 0 to 100 points with at most 3.
/// </summary>
public static class CreditScheduleValidation
{
    public const int MaxSteps = 10;

    public const int MaxPercentDecimals = 2;

    public const int MaxDepthDecimals = 3;

    public static void Validate(List<(string Field, string Code, object?[] Args)> errors, IReadOnlyDictionary<string, IReadOnlyList<CreditStep>>? schedule)
    {
        if (schedule is null)
        {
            return;
        }

        if (schedule.Count > FieldLimits.Entries)
        {
            errors.Add(("prices.slaCredits", "field.too-many", [FieldLimits.Entries]));
            return;
        }

        foreach (var (tier, steps) in schedule)
        {
            if (TextRules.Check("prices.slaCredits", tier, FieldLimits.Code, TextShape.Line, required: true) is { } bad)
            {
                errors.Add((bad.Field ?? "prices.slaCredits", bad.Code, [bad.Detail]));
                continue;
            }

            var field = $"prices.slaCredits.{tier}";
            if (steps is null || steps.Count is 0 or > MaxSteps)
            {
                errors.Add((field, "rate-card.credit-steps-invalid", [MaxSteps]));
                continue;
            }

            for (var i = 0; i < steps.Count; i++)
            {
                var step = steps[i];
                if (step is null
                    || step.BelowTargetBy is < 0 or > 100 || CatalogValidation.Trimmed(step.BelowTargetBy).Scale > MaxDepthDecimals
                    || step.Percent is <= 0 or > 100 || CatalogValidation.Trimmed(step.Percent).Scale > MaxPercentDecimals)
                {
                    errors.Add(($"{field}[{i}]", "rate-card.credit-step-invalid", [MaxDepthDecimals, MaxPercentDecimals]));
                }
                else if (i > 0 && steps[i - 1] is { } previous && (step.BelowTargetBy <= previous.BelowTargetBy || step.Percent < previous.Percent))
                {
                    // A deeper miss never credits less, and two steps at one depth would make the schedule ambiguous.
                    errors.Add(($"{field}[{i}]", "rate-card.credit-steps-unordered", []));
                }
            }
        }
    }
}
