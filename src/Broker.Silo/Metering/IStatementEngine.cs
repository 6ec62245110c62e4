namespace Broker.Silo.Metering;

/// <summary>Computes (open months) or reads (closed months) chargeback statements.</summary>
public interface IStatementEngine
{
    /// <summary>One department's statement for <paramref name="period"/> (yyyy-MM, Asia/Shanghai).</summary>
    Task<Statement> GetAsync(string department, string period, CancellationToken cancellationToken = default);

    /// <summary>Every department's statement for the month, ordered by department code.</summary>
    Task<IReadOnlyList<Statement>> GetAllAsync(string period, CancellationToken cancellationToken = default);
}
