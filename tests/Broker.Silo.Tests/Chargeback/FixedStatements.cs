using System.Collections.Concurrent;
using Broker.Silo.Metering;

namespace Broker.Silo.Tests.Chargeback;

/// <summary>
/// Test-only <see cref="IStatementEngine"/>: answers with the statements a test put in, built from explicit lines, so
/// finance views, exports and savings can be checked against figures worked out by hand while the real engine (rating
/// over the ledger) is built and tested elsewhere. A department without a statement for a month gets an empty open one,
/// as the real engine gives a department that used nothing. Also linked into Broker.Api.Tests.
/// </summary>
public sealed class FixedStatements : IStatementEngine
{
    private readonly ConcurrentDictionary<(string Department, string Period), Statement> _statements = new();

    /// <summary>Departments <see cref="GetAllAsync"/> lists even without a statement (the real engine lists every department).</summary>
    private readonly ConcurrentDictionary<string, bool> _departments = new(StringComparer.Ordinal);

    public int Calls;

    public Statement Add(string department, string period, params StatementLine[] lines)
    {
        var statement = Build(department, period, lines);
        _statements[(department, period)] = statement;
        _departments[department] = true;
        return statement;
    }

    public void AddDepartment(string department) => _departments[department] = true;

    public Task<Statement> GetAsync(string department, string period, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Calls);
        return Task.FromResult(_statements.TryGetValue((department, period), out var s) ? s : Build(department, period, []));
    }

    public Task<IReadOnlyList<Statement>> GetAllAsync(string period, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Calls);
        IReadOnlyList<Statement> all = _departments.Keys.Order(StringComparer.Ordinal)
            .Select(d => _statements.TryGetValue((d, period), out var s) ? s : Build(d, period, []))
            .ToList();
        return Task.FromResult(all);
    }

    /// <summary>A statement whose subtotals and total are sums of its lines, as the model requires.</summary>
    public static Statement Build(string department, string period, IReadOnlyList<StatementLine> lines, string state = "open") => new(
        department,
        period,
        state,
        "CNY",
        lines,
        lines.GroupBy(l => l.SystemId).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new StatementSubtotal(g.Key, g.Sum(l => l.Amount))).ToList(),
        lines.GroupBy(l => l.Category).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new StatementSubtotal(g.Key, g.Sum(l => l.Amount))).ToList(),
        lines.Sum(l => l.Amount));

    /// <summary>A line with its amount given (already rounded by the test's own arithmetic).</summary>
    public static StatementLine Line(string system, string category, decimal amount, string? resource = null, string meter = "vcpu-hour",
        decimal quantity = 1m, string unit = "h", decimal? unitPrice = null, string? note = null, string? originalPeriod = null) =>
        new(category, system, resource, meter, quantity, unit, unitPrice ?? amount, amount, note, originalPeriod);
}
