using Npgsql;

namespace Broker.Silo.Metering;

/// <summary>
/// What an imported record must refer to: a department that exists, one of its systems, and a meter priced in the same
/// unit on the rate card in force at the month's start. Read once per import (departments, systems and cards are few),
/// so checking a record is a lookup, not a query.
/// </summary>
public sealed class UsageReferences
{
    private const string DepartmentsSql = "select code from broker.departments where not deleted";

    private const string SystemsSql = "select department, id from broker.systems";

    private readonly HashSet<string> _departments = new(StringComparer.Ordinal);
    private readonly HashSet<(string, string)> _systems = [];
    private readonly IReadOnlyList<RateCard> _cards;
    private readonly Dictionary<BillingMonth, RateCard?> _cardByMonth = [];

    private UsageReferences(IReadOnlyList<RateCard> cards) => _cards = cards;

    public static async Task<UsageReferences> LoadAsync(NpgsqlDataSource dataSource, RateCardStore cards, CancellationToken cancellationToken)
    {
        var references = new UsageReferences(await cards.ListAsync(cancellationToken));
        await using (var command = dataSource.CreateCommand(DepartmentsSql))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                references._departments.Add(reader.GetString(0));
            }
        }

        await using (var command = dataSource.CreateCommand(SystemsSql))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                references._systems.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        return references;
    }

    /// <summary>Adds to <paramref name="errors"/> each reference of <paramref name="r"/> that does not hold.</summary>
    public void Check(ImportedRecord r, List<ImportError> errors)
    {
        if (!_departments.Contains(r.Department))
        {
            errors.Add(new ImportError(r.Line, "department", "import.department-unknown", r.Department));
        }
        else if (!_systems.Contains((r.Department, r.SystemId)))
        {
            errors.Add(new ImportError(r.Line, "system", "import.system-unknown", r.SystemId));
        }

        if (!_cardByMonth.TryGetValue(r.Period, out var card))
        {
            card = _cards.Where(c => c.InForceAt(r.Period.Start)).MaxBy(c => c.Version);
            _cardByMonth[r.Period] = card;
        }

        if (card is null || !card.Prices.Meters.TryGetValue(r.Meter, out var price))
        {
            errors.Add(new ImportError(r.Line, "meter", "import.meter-unpriced", r.Meter));
        }
        else if (!string.Equals(price.Unit, r.Unit, StringComparison.Ordinal))
        {
            errors.Add(new ImportError(r.Line, "unit", "import.unit-mismatch", price.Unit));
        }
    }
}
