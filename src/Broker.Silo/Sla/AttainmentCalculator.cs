namespace Broker.Silo.Sla;

/// <summary>
/// A resource's attainment over one period, as a pure function of its history, the incidents and the calendar (docs/sla.md,
/// "Attainment"). An outage starts at the first failed observation or an incident's start and ends at the first good
/// observation or the incident's end; everything that overlaps counts once; all of it is clipped to the period and to the
/// resource's life, stopped stretches are not service, and planned maintenance announced in time is not counted.
/// </summary>
public static class AttainmentCalculator
{
    public const string Observed = "observed";

    public const string FromIncident = "incident";

    /// <summary>Null when the resource did not exist at any point of <paramref name="period"/>.</summary>
    public static ResourceAttainment? Measure(
        ResourceHistory resource, TierTarget tier, IReadOnlyList<Incident> incidents, TimeRange period, ServiceCalendar calendar, TimeSpan leadTime)
    {
        var segments = ServiceSegments.Of(resource.Steps, period.End);
        var life = TimeRanges.Intersect(segments.Life, [period]);
        if (life.Count == 0)
        {
            return null;
        }

        var service = TimeRanges.Subtract(life, segments.Stopped);
        var affecting = incidents.Where(i => i.Affects(resource)).ToList();
        var excused = affecting.Where(i => i.IsExcused(leadTime)).ToList();
        var counted = affecting.Except(excused).ToList();
        var excusedRanges = excused.Select(i => Range(i, period)).ToList();
        var observed = TimeRanges.Union([.. segments.Failed, .. Down(resource.Observations, period.End)]);
        var down = TimeRanges.Intersect([.. observed, .. counted.Select(i => Range(i, period))], service);

        var outages = new List<OutageSpan>();
        foreach (var span in down)
        {
            var countedTime = calendar.ServiceTime(tier.Hours, TimeRanges.Subtract([span], excusedRanges));
            var incident = counted.FirstOrDefault(i => Overlaps(Range(i, period), span));
            var detail = incident?.Description ?? resource.Observations.LastOrDefault(o => !o.Up && o.At <= span.Start)?.Detail;
            outages.Add(new OutageSpan(span.Start, span.End, ServiceCalendar.Minutes(countedTime), incident is null ? Observed : FromIncident, incident?.Planned ?? false, incident?.Id, detail));
        }

        foreach (var maintenance in excused)
        {
            foreach (var span in TimeRanges.Intersect([Range(maintenance, period)], service))
            {
                outages.Add(new OutageSpan(span.Start, span.End, 0, FromIncident, true, maintenance.Id, maintenance.Description));
            }
        }

        var serviceMinutes = ServiceCalendar.Minutes(calendar.ServiceTime(tier.Hours, service));
        var downMinutes = Math.Min(serviceMinutes, outages.Sum(o => o.CountedMinutes));
        var attained = Percent(serviceMinutes, downMinutes);
        return new ResourceAttainment(
            resource.DepartmentId, resource.SystemId, resource.ResourceId, resource.PlanCode, tier.Code, tier.TargetPercent,
            serviceMinutes, downMinutes, attained, attained >= tier.TargetPercent, [.. outages.OrderBy(o => o.Start)]);
    }

    /// <summary><c>100 × (service − down) / service</c>, rounded half up to 3 decimals; 100 without service minutes.</summary>
    public static decimal Percent(long serviceMinutes, long downMinutes) => serviceMinutes <= 0
        ? 100m
        : Math.Round(100m * (serviceMinutes - downMinutes) / serviceMinutes, 3, MidpointRounding.AwayFromZero);

    /// <summary>The stretches the probe saw the resource down: from a down change to the next up one (or <paramref name="until"/>).</summary>
    public static IEnumerable<TimeRange> Down(IReadOnlyList<AvailabilityChange> changes, DateTimeOffset until)
    {
        DateTimeOffset? downSince = null;
        foreach (var change in changes.OrderBy(c => c.At))
        {
            if (!change.Up && downSince is null)
            {
                downSince = change.At;
            }
            else if (change.Up && downSince is { } since)
            {
                yield return new TimeRange(since, change.At);
                downSince = null;
            }
        }

        if (downSince is { } open)
        {
            yield return new TimeRange(open, until);
        }
    }

    private static TimeRange Range(Incident incident, TimeRange period) => new TimeRange(incident.Start, incident.End ?? period.End).Clip(period);

    private static bool Overlaps(TimeRange a, TimeRange b) => !a.Clip(b).IsEmpty;
}
