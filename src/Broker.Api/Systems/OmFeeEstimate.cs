using Broker.Silo.Systems;

namespace Broker.Api.Systems;

/// <summary>The yearly O&amp;M fee a registration implies: the tier's rate range applied to the build investment.</summary>
public sealed record OmFeeEstimate(decimal RateMin, decimal RateMax, decimal AnnualMinCny, decimal AnnualMaxCny)
{
    public static OmFeeEstimate For(int tier, decimal buildInvestmentCny)
    {
        var (min, max) = OmFeeRates.ForTier(tier);
        return new OmFeeEstimate(min, max, decimal.Round(buildInvestmentCny * min, 2), decimal.Round(buildInvestmentCny * max, 2));
    }
}
