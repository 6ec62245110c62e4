using Broker.Contracts.Orders;

namespace Broker.Silo.Orders;

/// <summary>What one approval does to an order's levels: the levels after it, or the code of its refusal.</summary>
public sealed record ApprovalStep(List<ApprovalLevelView>? Levels, string? Refusal)
{
    public static ApprovalStep Refused(string code) => new(null, code);
}
