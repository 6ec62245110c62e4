using Microsoft.Extensions.Options;
using Broker.Silo.Metering;

namespace Broker.Silo.Chargeback;

/// <summary>Reads peaks and statements for a range of months and hands them to <see cref="SavingsCalculator"/>.</summary>
public sealed class SavingsService(PeakAllocations peaks, StatementSource statements, IOptions<ChargebackOptions> options)
{
    public async Task<SavingsReport> ComputeAsync(string? department, BillingMonth from, BillingMonth to, CancellationToken cancellationToken = default)
    {
        var months = await statements.ForAsync(department, from, to, cancellationToken);
        var peakList = await peaks.ReadAsync(department, from.Start, to.End, cancellationToken);
        return SavingsCalculator.Compute(from, to, peakList, months.SelectMany(m => m.Statements), options.Value.Savings);
    }
}
