using Broker.Contracts.Catalog;
using Broker.Silo.Catalog;
using Broker.Silo.Hosting;

namespace Broker.Silo.Metering;

/// <summary>
/// Quotes an order before it is placed: the plan's sizes as <paramref name="quantity"/> intervals spanning the whole
/// current month, rated by the same <see cref="Rating"/> as statements with the cards of this month.
/// </summary>
public sealed class QuoteService(CatalogStore catalog, RateCardStore cards, BrokerClock clock)
{
    public async Task<Quote?> QuoteAsync(string planCode, string slaTier, int quantity, CancellationToken cancellationToken = default)
    {
        var plan = await catalog.GetPlanAsync(planCode, cancellationToken: cancellationToken);
        if (plan is null)
        {
            return null;
        }

        var month = BillingMonth.Of(clock.GetUtcNow());
        var rating = new Rating(month, RateCardTimeline.For(await cards.ListAsync(cancellationToken), month.Start, month.End), month.End);
        var (kind, vcpu, memory, storage, instances) = plan.Kind == OfferingKind.Vm
            ? ("vm", plan.Vm!.Vcpu, plan.Vm.MemoryGib, plan.Vm.SystemDiskGib, 1)
            : ("database", plan.Database!.Vcpu, plan.Database.MemoryGib, plan.Database.StorageGib, plan.Database.Instances);
        var lines = new LineAccumulator();
        for (var i = 1; i <= quantity; i++)
        {
            // One interval per resource, as the ledger would hold them, so the quote rounds per line as a statement does.
            var interval = new UsageInterval($"{planCode}#{i}", "quote", kind, plan.Code, slaTier, true, vcpu, memory, storage, instances, month.Start.UtcTicks, month.End.UtcTicks);
            rating.Rate(interval, lines);
        }

        var statement = StatementAssembly.Build("quote", month.ToString(), lines.ToLines());
        return new Quote(plan.Code, plan.Version, slaTier, quantity, month.ToString(), statement.Lines, statement.Total, Money.Currency);
    }
}
