namespace Broker.Api.Catalog;

/// <summary>Body of <c>PUT /api/platform/catalog/sla-tiers/{code}</c>: the tier's full content.</summary>
/// <param name="ServiceHours"><c>5x8</c> or <c>7x24</c>.</param>
public sealed record SlaTierRequest(
    string? NameZh,
    string? NameEn,
    decimal? AvailabilityPercent,
    string? ServiceHours,
    int? RpoMinutes,
    int? RtoMinutes,
    decimal? PriceMultiplier);
