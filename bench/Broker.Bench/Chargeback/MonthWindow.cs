namespace Broker.Bench.Chargeback;

/// <summary>The measured month as UTC instants (its bounds are midnights in Asia/Shanghai).</summary>
public sealed record MonthWindow(string Period, DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>Whole hours in the month (no daylight saving in Asia/Shanghai): what a GiB-month is prorated over.</summary>
    public int Hours => (int)(To - From).TotalHours;

    public static MonthWindow For(int year, int month)
    {
        var from = new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.FromHours(8));
        return new MonthWindow($"{year:D4}-{month:D2}", from.ToUniversalTime(), from.AddMonths(1).ToUniversalTime());
    }
}
