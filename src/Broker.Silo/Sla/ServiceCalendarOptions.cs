namespace Broker.Silo.Sla;

/// <summary>
/// The national calendar's moves of the working week, which <c>5x8</c> service hours follow: public holidays (a weekday
/// without service) and make-up working days (a Saturday or Sunday with service). Dates as <c>yyyy-MM-dd</c>, Asia/Shanghai.
/// </summary>
public sealed class ServiceCalendarOptions
{
    public List<string> Holidays { get; set; } = [];

    public List<string> WorkingDays { get; set; } = [];
}
