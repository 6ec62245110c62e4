using Broker.Contracts.Catalog;

namespace Broker.Silo.Sla;

/// <summary>What a tier promises: its availability target and the hours it answers for.</summary>
public sealed record TierTarget(string Code, decimal TargetPercent, ServiceHours Hours)
{
    public static TierTarget Of(SlaTier tier) => new(tier.Code, tier.AvailabilityPercent, tier.ServiceHours);
}
