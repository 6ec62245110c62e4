using System.Globalization;
using Broker.Contracts.Common;
using Broker.Silo.Catalog;

namespace Broker.Silo.Metering;

/// <summary>The rules of a new rate card version, as (field, code, args) so the API answers every problem at once.</summary>
/// <remarks>
/// The bounds keep every statement inside decimal's range (about 7.9e28): a department holds at most
/// <c>Quota:MaxAmount</c> (1e9) of a dimension, a month has at most 744 hours, a price is at most
/// <see cref="MaxPrice"/> (1e6) and a multiplier at most <see cref="MaxMultiplier"/> (100), so one line is at most
/// about 7.5e19 CNY and a statement would need hundreds of millions of lines at the ceiling to come near the limit.
/// </remarks>
public static class RateCardValidation
{
    /// <summary>The highest unit price (CNY per vCPU-hour, GiB-hour, GiB-month, database plan month or meter unit).</summary>
    public const decimal MaxPrice = 1_000_000m;

    /// <summary>Prices are kept to this many decimal places (a fen is 2; hourly prices need more).</summary>
    public const int MaxPriceDecimals = 6;

    /// <summary>The highest SLA multiplier; the catalog's tiers have the same ceiling.</summary>
    public const decimal MaxMultiplier = 100m;

    public const int MaxMultiplierDecimals = 4;

    /// <summary>The first and last day a card may start or end on: the years a billing month may have.</summary>
    public static readonly DateOnly FirstDay = new(2000, 1, 1);

    public static readonly DateOnly LastDay = new(2200, 12, 31);

    public static List<(string Field, string Code, object?[] Args)> Validate(RateCardDraft draft, DateOnly today)
    {
        var errors = new List<(string, string, object?[])>();
        Day(errors, "effectiveFrom", draft.EffectiveFrom);
        if (draft.EffectiveTo is { } to)
        {
            Day(errors, "effectiveTo", to);
            if (to <= draft.EffectiveFrom)
            {
                errors.Add(("effectiveTo", "rate-card.range-invalid", []));
            }
        }

        var p = draft.Prices;
        Price(errors, "prices.vcpuHour", p.VcpuHour);
        Price(errors, "prices.memoryGibHour", p.MemoryGibHour);
        Price(errors, "prices.storageGibMonth", p.StorageGibMonth);
        if (Count(errors, "prices.databasePlans", p.DatabasePlans.Count))
        {
            foreach (var (plan, fee) in p.DatabasePlans)
            {
                if (!CatalogValidation.IsPlanCode(plan))
                {
                    errors.Add(("prices.databasePlans", "plan.code-invalid", []));
                }
                else
                {
                    Price(errors, $"prices.databasePlans.{plan}", fee);
                }
            }
        }

        if (Count(errors, "prices.meters", p.Meters.Count))
        {
            Meters(errors, p.Meters);
        }

        if (Count(errors, "prices.slaMultipliers", p.SlaMultipliers.Count))
        {
            foreach (var (tier, multiplier) in p.SlaMultipliers)
            {
                if (TextRules.Check("prices.slaMultipliers", tier, FieldLimits.Code, TextShape.Line, required: true) is { } bad)
                {
                    errors.Add(Tuple(bad));
                }
                else if (multiplier <= 0 || multiplier > MaxMultiplier || CatalogValidation.Trimmed(multiplier).Scale > MaxMultiplierDecimals)
                {
                    errors.Add(($"prices.slaMultipliers.{tier}", "rate-card.multiplier-invalid", [MaxMultiplier, MaxMultiplierDecimals]));
                }
            }
        }

        Sla.CreditScheduleValidation.Validate(errors, p.SlaCredits);
        if (p.ChargedWhenStopped.Count > RateCardPrices.Dimensions.Length
            || p.ChargedWhenStopped.Any(d => !RateCardPrices.Dimensions.Contains(d, StringComparer.Ordinal)))
        {
            errors.Add(("prices.chargedWhenStopped", "rate-card.dimension-unknown", [string.Join(", ", RateCardPrices.Dimensions)]));
        }

        if (TextRules.Check("backdatingReason", draft.BackdatingReason, FieldLimits.Text, TextShape.Paragraph) is { } reason)
        {
            errors.Add(Tuple(reason));
        }
        else if (draft.EffectiveFrom <= today && string.IsNullOrWhiteSpace(draft.BackdatingReason))
        {
            // Back-dating rewrites what open months cost; it is allowed, but never silently. A card effective today is
            // back-dating too: it re-prices the usage since midnight (Asia/Shanghai) that statements already showed.
            errors.Add(("backdatingReason", "rate-card.backdating-reason-required", []));
        }

        return errors;
    }

    private static void Meters(List<(string, string, object?[])> errors, IReadOnlyDictionary<string, MeterPrice> meters)
    {
        foreach (var (meter, price) in meters)
        {
            if (string.IsNullOrWhiteSpace(meter) || price is null || string.IsNullOrWhiteSpace(price.Unit))
            {
                errors.Add(("prices.meters", "rate-card.meter-invalid", []));
            }
            else if (TextRules.Check("prices.meters", meter, FieldLimits.Name) is { } badName)
            {
                errors.Add(Tuple(badName));
            }
            else
            {
                if (TextRules.Check($"prices.meters.{meter}.unit", price.Unit, FieldLimits.Label) is { } badUnit)
                {
                    errors.Add(Tuple(badUnit));
                }

                Price(errors, $"prices.meters.{meter}.price", price.Price);
            }
        }
    }

    private static void Price(List<(string, string, object?[])> errors, string field, decimal price)
    {
        if (price < 0)
        {
            errors.Add((field, "rate-card.price-negative", []));
        }
        else if (price > MaxPrice || CatalogValidation.Trimmed(price).Scale > MaxPriceDecimals)
        {
            errors.Add((field, "rate-card.price-out-of-range", [MaxPrice.ToString("N0", CultureInfo.InvariantCulture), MaxPriceDecimals]));
        }
    }

    private static void Day(List<(string, string, object?[])> errors, string field, DateOnly day)
    {
        if (day < FirstDay || day > LastDay)
        {
            errors.Add((field, "rate-card.date-out-of-range", [FirstDay.ToString("O", CultureInfo.InvariantCulture), LastDay.ToString("O", CultureInfo.InvariantCulture)]));
        }
    }

    private static bool Count(List<(string, string, object?[])> errors, string field, int count)
    {
        if (count <= FieldLimits.Entries)
        {
            return true;
        }

        errors.Add((field, "field.too-many", [FieldLimits.Entries]));
        return false;
    }

    private static (string, string, object?[]) Tuple(BrokerError error) => (error.Field ?? "body", error.Code, [error.Detail]);
}
