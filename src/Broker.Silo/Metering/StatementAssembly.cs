namespace Broker.Silo.Metering;

/// <summary>
/// Orders lines and adds them up. The order is total (system, category, resource, meter, price, period, note), so an
/// open statement recomputed from the same data serializes to the same bytes; totals are sums of rounded lines.
/// </summary>
public static class StatementAssembly
{
    public static readonly IComparer<StatementLine> Order = Comparer<StatementLine>.Create(Compare);

    public static Statement Build(string department, string period, List<StatementLine> lines)
    {
        lines.Sort(Order);
        var bySystem = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        var byCategory = new decimal[StatementCategories.All.Length + 1];
        var seen = new bool[byCategory.Length];
        var total = 0m;
        foreach (var line in lines)
        {
            bySystem[line.SystemId] = bySystem.GetValueOrDefault(line.SystemId) + line.Amount;
            var rank = StatementCategories.Rank(line.Category);
            byCategory[rank] += line.Amount;
            seen[rank] = true;
            total += line.Amount;
        }

        var categories = new List<StatementSubtotal>();
        for (var i = 0; i < StatementCategories.All.Length; i++)
        {
            if (seen[i])
            {
                categories.Add(new StatementSubtotal(StatementCategories.All[i], byCategory[i]));
            }
        }

        return new Statement(department, period, "open", Money.Currency, lines,
            bySystem.Select(s => new StatementSubtotal(s.Key, s.Value)).ToList(), categories, total);
    }

    private static int Compare(StatementLine? a, StatementLine? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        if (a is null || b is null)
        {
            return a is null ? -1 : 1;
        }

        var c = string.CompareOrdinal(a.SystemId, b.SystemId);
        if (c == 0) { c = StatementCategories.Rank(a.Category).CompareTo(StatementCategories.Rank(b.Category)); }
        if (c == 0) { c = string.CompareOrdinal(a.ResourceId, b.ResourceId); }
        if (c == 0) { c = string.CompareOrdinal(a.Meter, b.Meter); }
        if (c == 0) { c = a.UnitPrice.CompareTo(b.UnitPrice); }
        if (c == 0) { c = string.CompareOrdinal(a.OriginalPeriod, b.OriginalPeriod); }
        if (c == 0) { c = string.CompareOrdinal(a.Note, b.Note); }
        if (c == 0) { c = a.Amount.CompareTo(b.Amount); }
        return c;
    }
}
