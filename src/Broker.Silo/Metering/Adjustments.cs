namespace Broker.Silo.Metering;

/// <summary>
/// The difference between a closed month recomputed now and what its statements already billed (frozen lines plus
/// earlier adjustments), per line (system, resource, meter, unit, price, note): positive for late usage, negative for a
/// late close that shortened an interval. Each becomes an adjustment line naming the original month.
/// </summary>
public static class Adjustments
{
    public static IEnumerable<StatementLine> Between(IEnumerable<StatementLine> now, IEnumerable<StatementLine> billed, string originalPeriod)
    {
        var deltas = new Dictionary<(string, string?, string, string, decimal, string?), (decimal Quantity, decimal Amount)>();
        foreach (var (line, sign) in now.Select(l => (l, 1m)).Concat(billed.Select(l => (l, -1m))))
        {
            var key = (line.SystemId, line.ResourceId, line.Meter, line.Unit, line.UnitPrice, line.Note);
            var (q, a) = deltas.GetValueOrDefault(key);
            deltas[key] = (q + (sign * line.Quantity), a + (sign * line.Amount));
        }

        foreach (var ((system, resource, meter, unit, price, note), (quantity, amount)) in deltas)
        {
            if (quantity != 0 || amount != 0)
            {
                yield return new StatementLine(StatementCategories.Adjustment, system, resource, meter, quantity, unit, price, amount, note, originalPeriod);
            }
        }
    }
}
