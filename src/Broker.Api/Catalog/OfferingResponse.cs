using Broker.Contracts.Catalog;

namespace Broker.Api.Catalog;

/// <summary>One kind of thing departments can order, with the engines it offers and the latest version of each plan.</summary>
public sealed record OfferingResponse(
    OfferingKind Kind,
    string NameZh,
    string NameEn,
    IReadOnlyList<string>? Engines,
    IReadOnlyList<PlanVersion> Plans);
