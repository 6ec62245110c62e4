using Broker.Silo.Metering;

namespace Broker.Silo.Tests.Metering;

/// <summary>Rate cards for tests, with prices chosen so rounding to the fen matters.</summary>
public static class Cards
{
    public static RateCardPrices Prices(decimal vcpuHour = 0.0473m, decimal memoryGibHour = 0.0119m, decimal storageGibMonth = 0.35m) => new(
        vcpuHour, memoryGibHour, storageGibMonth, ["storage"],
        new Dictionary<string, decimal> { ["pg-single"] = 300m },
        new Dictionary<string, MeterPrice> { ["uplink-mbps"] = new("Mbps-month", 12.5m) },
        new Dictionary<string, decimal> { ["bronze"] = 1m, ["silver"] = 1.2m, ["gold"] = 1.5m });

    public static RateCard Card(int version, DateOnly from, RateCardPrices? prices = null, DateOnly? to = null) =>
        new(version, from, to, "CNY", prices ?? Prices(), null, "finance@test", DateTimeOffset.UnixEpoch);

    public static RateCardDraft Draft(DateOnly from, RateCardPrices? prices = null, string? reason = null) => new(from, null, prices ?? Prices(), reason);
}
