namespace Broker.Silo.Metering;

/// <summary>
/// Sums one department's rated usage before rounding: ledger usage as exact integer units per line key, and finished
/// lines (imported, O&amp;M, adjustments) as they are. Rounding happens once per line, in <see cref="ToLines"/>.
/// </summary>
public sealed class LineAccumulator
{
    private readonly Dictionary<LineKey, long> _units = [];
    private readonly List<StatementLine> _finished = [];

    public bool IsEmpty => _units.Count == 0 && _finished.Count == 0;

    public void Add(in LineKey key, long units)
    {
        if (units == 0)
        {
            return;
        }

        ref var sum = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_units, key, out _);
        sum = checked(sum + units);
    }

    public void Add(StatementLine line) => _finished.Add(line);

    public List<StatementLine> ToLines()
    {
        var lines = new List<StatementLine>(_units.Count + _finished.Count);
        foreach (var (k, units) in _units)
        {
            var quantity = decimal.Round((decimal)units / k.Divisor, 6, MidpointRounding.AwayFromZero);
            var amount = Money.Round((decimal)units * k.UnitPrice / k.Divisor);
            lines.Add(new StatementLine(k.Category, k.SystemId, k.ResourceId, k.Meter, quantity, k.Unit, k.UnitPrice, amount, k.Note));
        }

        lines.AddRange(_finished);
        return lines;
    }
}
