using System.Text.Json.Serialization;

namespace Broker.Silo.Metering;

/// <summary>
/// One version of the rate card, in force over Asia/Shanghai calendar days [<see cref="EffectiveFrom"/>,
/// <see cref="EffectiveTo"/>). Never edited: a price change is a new version from a date on, which wins over older
/// versions where both are in force.
/// </summary>
public sealed record RateCard(
    int Version,
    DateOnly EffectiveFrom,
    DateOnly? EffectiveTo,
    string Currency,
    RateCardPrices Prices,
    string? BackdatingReason,
    string CreatedBy,
    DateTimeOffset CreatedAt)
{
    [JsonIgnore]
    public DateTimeOffset From => BillingMonth.StartOf(EffectiveFrom);

    [JsonIgnore]
    public DateTimeOffset? To => EffectiveTo is { } to ? BillingMonth.StartOf(to) : null;

    public bool InForceAt(DateTimeOffset instant) => From <= instant && (To is not { } to || instant < to);
}
