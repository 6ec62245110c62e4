using Broker.Silo.Metering;

namespace Broker.Silo.Tests.Metering;

public sealed class BillingMonthTests
{
    [Theory]
    [InlineData(2026, 11, -11, 2025, 12)]
    [InlineData(2026, 1, -1, 2025, 12)]
    [InlineData(2026, 12, 1, 2027, 1)]
    [InlineData(2026, 3, 0, 2026, 3)]
    [InlineData(2026, 3, -27, 2023, 12)]
    public void Adding_months_crosses_year_boundaries(int year, int month, int months, int expectedYear, int expectedMonth)
    {
        Assert.Equal(new BillingMonth(expectedYear, expectedMonth), new BillingMonth(year, month).AddMonths(months));
    }

    [Fact]
    public void Adding_one_month_is_next_and_taking_one_away_is_previous()
    {
        var month = new BillingMonth(2026, 12);

        Assert.Equal(month.Next, month.AddMonths(1));
        Assert.Equal(month.Previous, month.AddMonths(-1));
    }

    [Theory]
    [InlineData("2024-01\n")]
    [InlineData("2024-01\r\n")]
    [InlineData("2024-01 ")]
    [InlineData("2024-13")]
    [InlineData("١٢٣٤-01")]
    public void Anything_but_exactly_yyyy_MM_is_no_month(string text)
    {
        Assert.False(BillingMonth.TryParse(text, out _));
    }
}
