using Broker.Silo.Metering;

namespace Broker.Api.Metering;

/// <summary>A new rate card version. Dates are Asia/Shanghai calendar days; <c>effectiveTo</c> is exclusive.</summary>
public sealed record RateCardRequest(DateOnly? EffectiveFrom, DateOnly? EffectiveTo, RateCardPricesRequest? Prices, string? BackdatingReason);

public sealed record RateCardPricesRequest(
    decimal? VcpuHour,
    decimal? MemoryGibHour,
    decimal? StorageGibMonth,
    IReadOnlyList<string>? ChargedWhenStopped,
    Dictionary<string, decimal>? DatabasePlans,
    Dictionary<string, MeterPrice>? Meters,
    Dictionary<string, decimal>? SlaMultipliers,
    Dictionary<string, IReadOnlyList<Broker.Silo.Sla.CreditStep>>? SlaCredits = null)
{
    public RateCardPrices ToPrices() => new(
        VcpuHour ?? 0, MemoryGibHour ?? 0, StorageGibMonth ?? 0, ChargedWhenStopped ?? ["storage"],
        DatabasePlans ?? [], Meters ?? [], SlaMultipliers ?? [], SlaCredits?.ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal));
}

/// <summary>The O&amp;M adjustments of one system (level names from configuration).</summary>
public sealed record OmProfileRequest(string? Importance, string? ServiceHours, string? DataScale, string? TransactionScale);

/// <summary>Finance's explanation of one integrity finding.</summary>
public sealed record ExplanationRequest(string? Explanation);

/// <summary>One line of the month's overview: what each department owes.</summary>
public sealed record StatementSummary(string Department, string Period, string State, decimal Total, int Lines, string? ContentHash);
