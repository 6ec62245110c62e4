using Broker.Api.Http;
using Broker.Silo.Chargeback;
using Broker.Silo.Hosting;
using Microsoft.Extensions.Options;
using Broker.Silo.Metering;

namespace Broker.Api.Finance;

/// <summary>Handler dependencies of the finance endpoints, bundled for <c>[AsParameters]</c>.</summary>
public sealed record FinanceServices(
    BrokerCallContext Context,
    StatementSource Statements,
    ChargebackViews Views,
    SavingsService Savings,
    BudgetStore Budgets,
    BrokerClock Clock,
    IOptions<ChargebackOptions> Options)
{
    public BillingMonth CurrentMonth => BillingMonth.Of(Clock.GetUtcNow());

    public int MaxMonths => Options.Value.MaxMonths;
}
