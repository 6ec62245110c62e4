namespace Broker.Silo.Metering;

/// <summary>The rules of a new rate card version, as (field, code, args) so the API answers every problem at once.</summary>
public static class RateCardValidation
{
    public static List<(string Field, string Code, object?[] Args)> Validate(RateCardDraft draft, DateOnly today)
    {
        var errors = new List<(string, string, object?[])>();
        if (draft.EffectiveTo is { } to && to <= draft.EffectiveFrom)
        {
            errors.Add(("effectiveTo", "rate-card.range-invalid", []));
        }

        var p = draft.Prices;
        if (p.VcpuHour < 0 || p.MemoryGibHour < 0 || p.StorageGibMonth < 0
            || p.DatabasePlans.Values.Any(v => v < 0) || p.Meters.Values.Any(m => m.Price < 0))
        {
            errors.Add(("prices", "rate-card.price-negative", []));
        }

        if (p.Meters.Any(m => string.IsNullOrWhiteSpace(m.Key) || string.IsNullOrWhiteSpace(m.Value.Unit)))
        {
            errors.Add(("prices.meters", "rate-card.meter-invalid", []));
        }

        if (p.SlaMultipliers.Values.Any(m => m <= 0))
        {
            errors.Add(("prices.slaMultipliers", "rate-card.multiplier-invalid", []));
        }

        if (p.ChargedWhenStopped.Any(d => !RateCardPrices.Dimensions.Contains(d, StringComparer.Ordinal)))
        {
            errors.Add(("prices.chargedWhenStopped", "rate-card.dimension-unknown", [string.Join(", ", RateCardPrices.Dimensions)]));
        }

        // Back-dating rewrites what open months cost; it is allowed, but never silently. A card effective today is
        // back-dating too: it re-prices the usage since midnight (Asia/Shanghai) that statements already showed.
        if (draft.EffectiveFrom <= today && string.IsNullOrWhiteSpace(draft.BackdatingReason))
        {
            errors.Add(("backdatingReason", "rate-card.backdating-reason-required", []));
        }

        return errors;
    }
}
