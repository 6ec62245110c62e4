namespace Broker.Api.Systems;

/// <summary>
/// Body of <c>PUT /api/departments/{code}/systems/{id}</c>. Nullable throughout, enums as strings, so that a missing or
/// unknown value gets an error naming its field instead of a generic JSON failure.
/// </summary>
public sealed record RegisterSystemRequest(
    string? Name,
    string? Description,
    int? OmTier,
    decimal? BuildInvestmentCny,
    string? Category,
    DeclarationsRequest? Declarations,
    string? ExemptionJustification);
