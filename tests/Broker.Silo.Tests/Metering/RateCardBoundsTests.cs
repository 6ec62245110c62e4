using Broker.Silo.Metering;

namespace Broker.Silo.Tests.Metering;

public sealed class RateCardBoundsTests
{
    private static readonly DateOnly Today = new(2026, 11, 2);

    // Tomorrow by default: a card effective today re-prices today's usage and needs a reason, which is not what these test.
    private static List<string> Fields(RateCardPrices prices, DateOnly? from = null) =>
        RateCardValidation.Validate(Cards.Draft(from ?? Today.AddDays(1), prices), Today).Select(e => e.Field).ToList();

    [Fact]
    public void Prices_at_the_ceiling_with_six_decimals_pass_and_beyond_either_is_refused_per_field()
    {
        Assert.Empty(Fields(Cards.Prices(vcpuHour: RateCardValidation.MaxPrice, memoryGibHour: 0.000001m)));

        Assert.Equal(["prices.vcpuHour", "prices.memoryGibHour", "prices.storageGibMonth"],
            Fields(Cards.Prices(vcpuHour: RateCardValidation.MaxPrice + 0.01m, memoryGibHour: 0.0000001m, storageGibMonth: -1m)));
    }

    [Fact]
    public void A_multiplier_above_the_ceiling_or_with_five_decimals_is_refused_and_one_of_100_passes()
    {
        var prices = Cards.Prices() with { SlaMultipliers = new Dictionary<string, decimal> { ["gold"] = 100m, ["silver"] = 100.0001m, ["bronze"] = 1.00001m } };

        Assert.Equal(["prices.slaMultipliers.silver", "prices.slaMultipliers.bronze"], Fields(prices));
    }

    [Fact]
    public void The_worst_line_the_bounds_allow_stays_far_inside_decimal_range()
    {
        // Quota:MaxAmount vCPU for every hour of a 31-day month at the highest price and multiplier.
        var worst = 1_000_000_000m * 744m * RateCardValidation.MaxPrice * RateCardValidation.MaxMultiplier;

        Assert.True(worst * 100_000_000m < decimal.MaxValue);
    }

    [Fact]
    public void Dates_outside_the_billing_years_are_refused()
    {
        Assert.Contains("effectiveFrom", Fields(Cards.Prices(), new DateOnly(1999, 12, 31)));
        Assert.DoesNotContain("effectiveFrom", Fields(Cards.Prices(), new DateOnly(2200, 12, 31)));
    }

    [Fact]
    public void Meter_names_and_units_follow_the_text_rules()
    {
        var prices = Cards.Prices() with
        {
            Meters = new Dictionary<string, MeterPrice> { ["uplink\u200B"] = new("Mbps", 1m), ["backup"] = new(new string('u', 101), 1m) },
        };

        Assert.Equal(["prices.meters", "prices.meters.backup.unit"], Fields(prices));
    }
}
