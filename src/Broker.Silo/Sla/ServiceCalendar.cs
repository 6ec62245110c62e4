using System.Globalization;
using Broker.Contracts.Catalog;
using Broker.Silo.Metering;

namespace Broker.Silo.Sla;

/// <summary>
/// Which minutes a tier answers for. <c>7x24</c>: all of them. <c>5x8</c>: 09:00 to 17:00 Asia/Shanghai (fixed UTC+8, as
/// <see cref="BillingMonth"/>) on working days: Monday to Friday unless a public holiday, plus the make-up working days.
/// Pure: the same dates and ranges always give the same minutes.
/// </summary>
public sealed class ServiceCalendar
{
    public static readonly TimeSpan DayStart = TimeSpan.FromHours(9);

    public static readonly TimeSpan DayEnd = TimeSpan.FromHours(17);

    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _workingDays;

    public ServiceCalendar(IEnumerable<DateOnly> holidays, IEnumerable<DateOnly> workingDays)
    {
        _holidays = [.. holidays];
        _workingDays = [.. workingDays];
    }

    /// <summary>Monday to Friday only: no holidays, no make-up days.</summary>
    public static ServiceCalendar Plain { get; } = new([], []);

    /// <summary>The calendar of validated options (<see cref="SlaOptionsValidator"/> has checked every date).</summary>
    public static ServiceCalendar From(ServiceCalendarOptions options) => new(options.Holidays.Select(ParseDate), options.WorkingDays.Select(ParseDate));

    public static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public bool IsWorkingDay(DateOnly day) =>
        _workingDays.Contains(day) || (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day));

    /// <summary>The service windows of <paramref name="hours"/> that fall within [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public IEnumerable<TimeRange> Windows(ServiceHours hours, DateTimeOffset start, DateTimeOffset end)
    {
        var range = new TimeRange(start, end);
        if (range.IsEmpty)
        {
            yield break;
        }

        if (hours == ServiceHours.AroundTheClock)
        {
            yield return range;
            yield break;
        }

        for (var day = BillingMonth.DayOf(start); day <= BillingMonth.DayOf(end); day = day.AddDays(1))
        {
            if (!IsWorkingDay(day))
            {
                continue;
            }

            var midnight = BillingMonth.StartOf(day);
            var window = new TimeRange(midnight + DayStart, midnight + DayEnd).Clip(range);
            if (!window.IsEmpty)
            {
                yield return window;
            }
        }
    }

    /// <summary>How much of [<paramref name="start"/>, <paramref name="end"/>) is service time for <paramref name="hours"/>.</summary>
    public TimeSpan ServiceTime(ServiceHours hours, DateTimeOffset start, DateTimeOffset end) =>
        Windows(hours, start, end).Aggregate(TimeSpan.Zero, (sum, w) => sum + w.Length);

    /// <summary>Whole minutes of service time in [<paramref name="start"/>, <paramref name="end"/>) (rounded half up).</summary>
    public long ServiceMinutes(ServiceHours hours, DateTimeOffset start, DateTimeOffset end) => Minutes(ServiceTime(hours, start, end));

    /// <summary>Service time within several ranges (normalized first, so overlaps count once).</summary>
    public TimeSpan ServiceTime(ServiceHours hours, IEnumerable<TimeRange> ranges) =>
        TimeRanges.Union(ranges).Aggregate(TimeSpan.Zero, (sum, r) => sum + ServiceTime(hours, r.Start, r.End));

    /// <summary>A duration in whole minutes, half a minute and more rounding up.</summary>
    public static long Minutes(TimeSpan span) => (long)Math.Round(span.TotalMinutes, MidpointRounding.AwayFromZero);
}
