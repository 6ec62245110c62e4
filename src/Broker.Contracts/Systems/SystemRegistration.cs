namespace Broker.Contracts.Systems;

/// <summary>What a department states when it registers a system for review.</summary>
/// <param name="OmTier">1 (city-wide, 12-15% O&amp;M fee), 2 (district, 8-10%) or 3 (internal office / website, 5-6%).</param>
/// <param name="BuildInvestmentCny">Total build investment in CNY; the base of the O&amp;M fee.</param>
/// <param name="ExemptionJustification">For a category that may not be built separately: why this one should be.</param>
[GenerateSerializer, Immutable, Alias("broker.SystemRegistration")]
public sealed record SystemRegistration(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Description,
    [property: Id(2)] int OmTier,
    [property: Id(3)] decimal BuildInvestmentCny,
    [property: Id(4)] SystemCategory Category,
    [property: Id(5)] SystemDeclarations Declarations,
    [property: Id(6)] string? ExemptionJustification);
