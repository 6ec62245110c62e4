using Broker.Contracts.Catalog;
using Broker.Silo.Sla;
using static Broker.Silo.Tests.Sla.Shanghai;

namespace Broker.Silo.Tests.Sla;

/// <summary>Service hours by hand: 5x8 is 480 minutes a working day, 7x24 is 1440 minutes a day.</summary>
public sealed class ServiceCalendarTests
{
    [Fact]
    public void A_plain_week_has_five_working_days_of_eight_hours_for_5x8_and_seven_full_days_for_7x24()
    {
        // Monday 2 November 2026 to the next Monday.
        Assert.Equal(5 * 480, ServiceCalendar.Plain.ServiceMinutes(ServiceHours.BusinessHours, At(11, 2, 0), At(11, 9, 0)));
        Assert.Equal(7 * 1440, ServiceCalendar.Plain.ServiceMinutes(ServiceHours.AroundTheClock, At(11, 2, 0), At(11, 9, 0)));
    }

    [Fact]
    public void Only_the_minutes_between_nine_and_five_count_across_a_working_day_boundary_and_a_weekend()
    {
        Assert.Equal(30, ServiceCalendar.Plain.ServiceMinutes(ServiceHours.BusinessHours, At(11, 2, 8, 30), At(11, 2, 9, 30)));
        // Friday 16:00 to Monday 10:00: one hour on Friday, one on Monday.
        Assert.Equal(120, ServiceCalendar.Plain.ServiceMinutes(ServiceHours.BusinessHours, At(11, 6, 16), At(11, 9, 10)));
        Assert.Equal(0, ServiceCalendar.Plain.ServiceMinutes(ServiceHours.BusinessHours, At(11, 2, 17), At(11, 3, 9)));
    }

    [Fact]
    public void Public_holidays_remove_weekdays_and_make_up_working_days_add_weekend_days()
    {
        // National Day week 2026 as configured: Thursday 1 to Wednesday 7 October off (the weekend in between is off
        // anyway), Saturday 10 October worked.
        var calendar = ServiceCalendar.From(new ServiceCalendarOptions
        {
            Holidays = ["2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"],
            WorkingDays = ["2026-10-10"],
        });

        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 10, 5)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 10, 10)));
        // Monday 28 September to Monday 12 October: 28, 29, 30 September, 8, 9 and (Saturday) 10 October.
        Assert.Equal(6 * 480, calendar.ServiceMinutes(ServiceHours.BusinessHours, At(9, 28, 0), At(10, 12, 0)));
        Assert.Equal(14 * 1440, calendar.ServiceMinutes(ServiceHours.AroundTheClock, At(9, 28, 0), At(10, 12, 0)));
    }

    [Fact]
    public void November_2026_has_21_working_days()
    {
        Assert.Equal(21 * 480, ServiceCalendar.Plain.ServiceMinutes(ServiceHours.BusinessHours, At(11, 1, 0), At(12, 1, 0)));
    }

    [Fact]
    public void The_options_refuse_malformed_dates_and_a_day_that_is_both_a_holiday_and_a_working_day()
    {
        var result = new SlaOptionsValidator().Validate(null, new SlaOptions
        {
            Calendar = new ServiceCalendarOptions { Holidays = ["2026-10-01", "2026-13-01"], WorkingDays = ["2026-10-01", "10/10/2026"] },
        });

        Assert.True(result.Failed);
        var failures = string.Join('\n', result.Failures!);
        Assert.Contains("Holidays:1", failures, StringComparison.Ordinal);
        Assert.Contains("WorkingDays:1", failures, StringComparison.Ordinal);
        Assert.Contains("2026-10-01 is both a holiday and a working day", failures, StringComparison.Ordinal);
        Assert.False(new SlaOptionsValidator().Validate(null, new SlaOptions()).Failed);
    }
}
