namespace Broker.Silo.Metering;

/// <summary>A new rate card version as finance asks for it; validated by <see cref="RateCardValidation"/>.</summary>
public sealed record RateCardDraft(DateOnly EffectiveFrom, DateOnly? EffectiveTo, RateCardPrices Prices, string? BackdatingReason);
