using System.Globalization;
using Microsoft.Extensions.Options;

namespace Broker.Silo.Sla;

/// <summary>Reports every bad SLA setting at once, at start: a calendar with a malformed date or a day that is both
/// a holiday and a working day would silently measure the wrong minutes for a whole year.</summary>
public sealed class SlaOptionsValidator : IValidateOptions<SlaOptions>
{
    public ValidateOptionsResult Validate(string? name, SlaOptions options)
    {
        const string at = SlaOptions.SectionName;
        var failures = new List<string>();
        if (options.MaintenanceLeadTime < TimeSpan.Zero || options.MaintenanceLeadTime > TimeSpan.FromDays(90))
        {
            failures.Add($"{at}:MaintenanceLeadTime must be between 0 and 90 days.");
        }

        if (options.ProbePeriod < TimeSpan.FromSeconds(1) || options.ProbePeriod > TimeSpan.FromHours(1))
        {
            failures.Add($"{at}:ProbePeriod must be between 1 second and 1 hour.");
        }

        if (options.ProbeTimeout < TimeSpan.FromMilliseconds(100) || options.ProbeTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{at}:ProbeTimeout must be between 100 ms and 5 minutes.");
        }

        if (options.ProbeParallelism is < 1 or > 256)
        {
            failures.Add($"{at}:ProbeParallelism must be between 1 and 256.");
        }

        if (options.GaugeRefreshInterval < TimeSpan.FromMilliseconds(100) || options.GaugeRefreshInterval > TimeSpan.FromDays(1))
        {
            failures.Add($"{at}:GaugeRefreshInterval must be between 100 ms and one day.");
        }

        var holidays = Dates(options.Calendar.Holidays, $"{at}:Calendar:Holidays", failures);
        var workingDays = Dates(options.Calendar.WorkingDays, $"{at}:Calendar:WorkingDays", failures);
        foreach (var both in holidays.Intersect(workingDays).Order())
        {
            failures.Add($"{at}:Calendar: {both:yyyy-MM-dd} is both a holiday and a working day.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static HashSet<DateOnly> Dates(List<string> texts, string key, List<string> failures)
    {
        var dates = new HashSet<DateOnly>();
        for (var i = 0; i < texts.Count; i++)
        {
            if (DateOnly.TryParseExact(texts[i], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year is >= 2000 and <= 2200)
            {
                dates.Add(date);
            }
            else
            {
                failures.Add($"{key}:{i} must be a date yyyy-MM-dd between 2000 and 2200, not '{texts[i]}'.");
            }
        }

        return dates;
    }
}
