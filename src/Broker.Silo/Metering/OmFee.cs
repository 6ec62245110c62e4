using System.Globalization;
using Broker.Silo.Systems;

namespace Broker.Silo.Metering;

/// <summary>
/// A system's O&amp;M fee (seed 000): build investment x composite rate per year, where the composite rate is the tier's
/// base rate times the configured factor of each adjustment, kept within the tier's range (tier 1: 12-15%, tier 2:
/// 8-10%, tier 3: 5-6%); split into hardware, commercial software and application software shares, charged monthly
/// as annual / 12, each share its own line rounded to the fen.
/// </summary>
public static class OmFee
{
    public static decimal CompositeRate(int tier, OmProfile profile, OmFeeOptions options)
    {
        var (min, max) = OmFeeRates.ForTier(tier);
        var rate = options.BaseRate[tier.ToString(CultureInfo.InvariantCulture)]
            * Factor(options.Importance, profile.Importance)
            * Factor(options.ServiceHours, profile.ServiceHours)
            * Factor(options.DataScale, profile.DataScale)
            * Factor(options.TransactionScale, profile.TransactionScale);
        return Math.Clamp(rate, min, max);
    }

    public static IEnumerable<StatementLine> MonthlyLines(string systemId, int tier, decimal buildInvestment, OmProfile profile, OmFeeOptions options)
    {
        var rate = CompositeRate(tier, profile, options);
        foreach (var (meter, share) in new[] { ("om-hardware", options.HardwareShare), ("om-commercial-software", options.CommercialSoftwareShare), ("om-application-software", options.ApplicationSoftwareShare) })
        {
            if (share == 0)
            {
                continue;
            }

            var amount = Money.Round(buildInvestment * rate * share / 12m);
            var note = string.Create(CultureInfo.InvariantCulture, $"{buildInvestment} x {rate} (tier {tier}) x {share} / 12");
            yield return new StatementLine(StatementCategories.Om, systemId, null, meter, 1m, "month", amount, amount, note);
        }
    }

    // A level the options do not list counts as neutral: a profile written before a level was renamed still bills.
    private static decimal Factor(Dictionary<string, decimal> levels, string level) => levels.TryGetValue(level, out var f) ? f : 1m;
}
