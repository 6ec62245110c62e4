namespace Broker.Silo.Sla;

/// <summary>
/// Quarters and years from months, and groups from resources: minutes are summed and the percentage recomputed from the
/// sums, never averaged, so a figure is the same whichever way it is folded.
/// </summary>
public static class AttainmentFolds
{
    public const string Resource = "resource";
    public const string System = "system";
    public const string Department = "department";
    public const string Tier = "tier";
    public const string Platform = "platform";

    public static readonly string[] Scopes = [Resource, System, Department, Tier, Platform];

    /// <summary>One figure per resource over several months (each resource's months summed; the last month names its plan and tier).</summary>
    public static IReadOnlyList<ResourceAttainment> Over(IEnumerable<IReadOnlyList<ResourceAttainment>> months) =>
        [.. months.SelectMany(m => m).GroupBy(r => r.ResourceId, StringComparer.Ordinal).Select(g => Sum([.. g])).OrderBy(r => r.DepartmentId, StringComparer.Ordinal).ThenBy(r => r.ResourceId, StringComparer.Ordinal)];

    /// <summary>The months of one resource as one figure.</summary>
    public static ResourceAttainment Sum(IReadOnlyList<ResourceAttainment> months)
    {
        var last = months[^1];
        var service = months.Sum(m => m.ServiceMinutes);
        var down = months.Sum(m => m.DownMinutes);
        var attained = AttainmentCalculator.Percent(service, down);
        return last with
        {
            ServiceMinutes = service,
            DownMinutes = down,
            AttainedPercent = attained,
            Met = attained >= last.TargetPercent,
            Outages = [.. months.SelectMany(m => m.Outages)],
        };
    }

    /// <summary>The figures of <paramref name="resources"/> grouped by <paramref name="scope"/> (one of <see cref="Scopes"/> but resource).</summary>
    public static IReadOnlyList<AttainmentFigure> By(string scope, IEnumerable<ResourceAttainment> resources)
    {
        Func<ResourceAttainment, (string Key, string? Department)> key = scope switch
        {
            System => r => ($"{r.DepartmentId}/{r.SystemId}", r.DepartmentId),
            Department => r => (r.DepartmentId, r.DepartmentId),
            Tier => r => (r.TierCode, null),
            Platform => _ => (Platform, null),
            _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "Not a group scope."),
        };
        return [.. resources.GroupBy(key).OrderBy(g => g.Key.Key, StringComparer.Ordinal).Select(g => Figure(scope, g.Key.Key, g.Key.Department, [.. g]))];
    }

    public static AttainmentFigure Figure(string scope, string key, string? department, IReadOnlyList<ResourceAttainment> resources)
    {
        var service = resources.Sum(r => r.ServiceMinutes);
        var down = resources.Sum(r => r.DownMinutes);
        var targets = resources.Select(r => r.TargetPercent).Distinct().ToList();
        return new AttainmentFigure(
            scope, key, department, resources.Count, resources.Count(r => r.Met), service, down, AttainmentCalculator.Percent(service, down),
            scope == Tier && targets.Count == 1 ? targets[0] : null, resources.Sum(r => r.Outages.Count(o => o.CountedMinutes > 0)));
    }
}
