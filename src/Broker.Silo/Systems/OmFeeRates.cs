namespace Broker.Silo.Systems;

/// <summary>
/// The yearly O&amp;M fee as a share of build investment per tier (seed 000): tier 1 city-wide systems 12-15%, tier 2
/// district systems 8-10%, tier 3 internal office systems and websites 5-6%. The final rate is set within (and adjusted
/// around) the range by importance, service hours, data and transaction scale; the range is what a registration implies.
/// </summary>
public static class OmFeeRates
{
    public static (decimal Min, decimal Max) ForTier(int tier) => tier switch
    {
        1 => (0.12m, 0.15m),
        2 => (0.08m, 0.10m),
        3 => (0.05m, 0.06m),
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, "O&M tiers are 1, 2 and 3."),
    };
}
