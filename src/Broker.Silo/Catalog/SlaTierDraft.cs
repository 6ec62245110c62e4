using Broker.Contracts.Catalog;

namespace Broker.Silo.Catalog;

/// <summary>The editable content of an SLA tier: everything but its code and the time it changed.</summary>
public sealed record SlaTierDraft(
    string NameZh,
    string NameEn,
    decimal AvailabilityPercent,
    ServiceHours ServiceHours,
    int RpoMinutes,
    int RtoMinutes,
    decimal PriceMultiplier)
{
    /// <summary>Same content; decimals compare by value, so 1.2 matches 1.20.</summary>
    public bool Matches(SlaTier tier) =>
        NameZh == tier.NameZh && NameEn == tier.NameEn && AvailabilityPercent == tier.AvailabilityPercent
        && ServiceHours == tier.ServiceHours && RpoMinutes == tier.RpoMinutes && RtoMinutes == tier.RtoMinutes
        && PriceMultiplier == tier.PriceMultiplier;

    public SlaTier ToTier(string code, DateTimeOffset updatedAt) =>
        new(code, NameZh, NameEn, AvailabilityPercent, ServiceHours, RpoMinutes, RtoMinutes, PriceMultiplier, updatedAt);
}
