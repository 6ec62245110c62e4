using Broker.Silo.Metering;

namespace Broker.Silo.Chargeback;

/// <summary>
/// Finance views read statements month by month through the statement engine, which every broker host registers
/// (<c>AddBrokerCore</c> adds metering), so there is no "engine missing" state to answer for.
/// </summary>
public sealed class StatementSource(IStatementEngine engine)
{
    public IStatementEngine Engine => engine;


    /// <summary>Every department's statements for each month of the range, month by month.</summary>
    public async Task<IReadOnlyList<(BillingMonth Month, IReadOnlyList<Statement> Statements)>> AllAsync(
        BillingMonth from, BillingMonth to, CancellationToken cancellationToken)
    {
        var months = new List<(BillingMonth, IReadOnlyList<Statement>)>();
        foreach (var month in BillingMonth.Range(from, to))
        {
            months.Add((month, await engine.GetAllAsync(month.ToString(), cancellationToken)));
        }

        return months;
    }

    /// <summary>One department's statements for each month of the range.</summary>
    public async Task<IReadOnlyList<(BillingMonth Month, IReadOnlyList<Statement> Statements)>> OneAsync(
        string department, BillingMonth from, BillingMonth to, CancellationToken cancellationToken)
    {
        var months = new List<(BillingMonth, IReadOnlyList<Statement>)>();
        foreach (var month in BillingMonth.Range(from, to))
        {
            months.Add((month, [await engine.GetAsync(department, month.ToString(), cancellationToken)]));
        }

        return months;
    }

    /// <summary>Statements of one department, or of all when <paramref name="department"/> is null.</summary>
    public Task<IReadOnlyList<(BillingMonth Month, IReadOnlyList<Statement> Statements)>> ForAsync(
        string? department, BillingMonth from, BillingMonth to, CancellationToken cancellationToken) =>
        department is null ? AllAsync(from, to, cancellationToken) : OneAsync(department, from, to, cancellationToken);
}
