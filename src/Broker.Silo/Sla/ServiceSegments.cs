namespace Broker.Silo.Sla;

/// <summary>
/// A resource's life read from its journal: when it was in service (from its first <c>ready</c> until deletion began),
/// when its department had it stopped (a stop under way, stopped, and a start until it is ready again: the department's
/// choice, never unavailability), and when it had failed after having served (the broker observed it fail, an outage
/// until it is ready again).
/// </summary>
public sealed record ServiceSegments(IReadOnlyList<TimeRange> Life, IReadOnlyList<TimeRange> Stopped, IReadOnlyList<TimeRange> Failed)
{
    private enum Mode
    {
        Out,
        Up,
        Stopped,
        Failed,
    }

    /// <summary>Folds <paramref name="steps"/> (in journal order); a segment still open runs until <paramref name="until"/>.</summary>
    public static ServiceSegments Of(IReadOnlyList<LifecycleStep> steps, DateTimeOffset until)
    {
        var life = new List<TimeRange>();
        var stopped = new List<TimeRange>();
        var failed = new List<TimeRange>();
        var mode = Mode.Out;
        var since = DateTimeOffset.MinValue;
        var served = false;
        foreach (var step in steps)
        {
            var next = Next(mode, step, served);
            served |= step.State == "ready";
            if (next == mode)
            {
                continue;
            }

            Close(mode, new TimeRange(since, step.At), life, stopped, failed);
            (mode, since) = (next, step.At);
        }

        Close(mode, new TimeRange(since, until), life, stopped, failed);
        return new ServiceSegments(TimeRanges.Union(life), TimeRanges.Union(stopped), TimeRanges.Union(failed));
    }

    private static Mode Next(Mode mode, LifecycleStep step, bool served) => step.State switch
    {
        "ready" => Mode.Up,
        "stopped" => Mode.Stopped,
        // A stop under way, or a start not yet ready, is still the department's stop; a resize of a serving resource serves.
        "updating" => !step.Running || mode == Mode.Stopped ? Mode.Stopped : mode,
        "failed" => served ? Mode.Failed : Mode.Out,
        // A retry after a failure: still down until ready.
        "provisioning" => mode == Mode.Failed ? Mode.Failed : Mode.Out,
        _ => Mode.Out,
    };

    private static void Close(Mode mode, TimeRange range, List<TimeRange> life, List<TimeRange> stopped, List<TimeRange> failed)
    {
        if (mode == Mode.Out || range.IsEmpty)
        {
            return;
        }

        life.Add(range);
        (mode == Mode.Stopped ? stopped : mode == Mode.Failed ? failed : null)?.Add(range);
    }
}
