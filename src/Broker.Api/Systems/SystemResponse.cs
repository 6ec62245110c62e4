using Broker.Contracts.Quotas;
using Broker.Contracts.Systems;

namespace Broker.Api.Systems;

/// <summary>A system as served: the registration flat (the shape of the PUT body), then the review and the allocations.</summary>
public sealed record SystemResponse(
    string Department,
    string Id,
    string Name,
    string? Description,
    int OmTier,
    decimal BuildInvestmentCny,
    SystemCategory Category,
    SystemDeclarations Declarations,
    string? ExemptionJustification,
    SystemReviewStatus Status,
    SystemEnvelope? Envelope,
    string? ExemptionReason,
    string? ReviewNote,
    string? ReviewedBy,
    QuotaVector Allocated,
    OmFeeEstimate OmFee,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static SystemResponse From(SystemView view)
    {
        var r = view.Registration;
        return new SystemResponse(
            view.Department, view.Id, r.Name, r.Description, r.OmTier, r.BuildInvestmentCny, r.Category, r.Declarations, r.ExemptionJustification,
            view.Status, view.Envelope, view.ExemptionReason, view.ReviewNote, view.ReviewedBy, view.Allocated,
            OmFeeEstimate.For(r.OmTier, r.BuildInvestmentCny), view.CreatedAt, view.UpdatedAt);
    }
}
