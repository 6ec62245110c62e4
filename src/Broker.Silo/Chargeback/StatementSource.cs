using Broker.Silo.Metering;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.Silo.Chargeback;

/// <summary>
/// The statement engine, looked up when a view needs it rather than injected: finance views sit on top of the engine,
/// and a host without one (an API process before metering is configured) must still start and answer everything else.
/// </summary>
public sealed class StatementSource(IServiceProvider services)
{
    public IStatementEngine? Engine => services.GetService<IStatementEngine>();

    public IStatementEngine Require() => Engine ?? throw new StatementEngineUnavailableException();

    /// <summary>Every department's statements for each month of the range, month by month.</summary>
    public async Task<IReadOnlyList<(ChargebackMonth Month, IReadOnlyList<Statement> Statements)>> AllAsync(
        ChargebackMonth from, ChargebackMonth to, CancellationToken cancellationToken)
    {
        var engine = Require();
        var months = new List<(ChargebackMonth, IReadOnlyList<Statement>)>();
        foreach (var month in ChargebackMonth.Range(from, to))
        {
            months.Add((month, await engine.GetAllAsync(month.ToString(), cancellationToken)));
        }

        return months;
    }

    /// <summary>One department's statements for each month of the range.</summary>
    public async Task<IReadOnlyList<(ChargebackMonth Month, IReadOnlyList<Statement> Statements)>> OneAsync(
        string department, ChargebackMonth from, ChargebackMonth to, CancellationToken cancellationToken)
    {
        var engine = Require();
        var months = new List<(ChargebackMonth, IReadOnlyList<Statement>)>();
        foreach (var month in ChargebackMonth.Range(from, to))
        {
            months.Add((month, [await engine.GetAsync(department, month.ToString(), cancellationToken)]));
        }

        return months;
    }

    /// <summary>Statements of one department, or of all when <paramref name="department"/> is null.</summary>
    public Task<IReadOnlyList<(ChargebackMonth Month, IReadOnlyList<Statement> Statements)>> ForAsync(
        string? department, ChargebackMonth from, ChargebackMonth to, CancellationToken cancellationToken) =>
        department is null ? AllAsync(from, to, cancellationToken) : OneAsync(department, from, to, cancellationToken);
}
