using Broker.Api.Http;
using Broker.Silo.Hosting;
using Broker.Silo.Metering;
using Broker.Silo.Sla;
using Microsoft.Extensions.Options;

namespace Broker.Api.Sla;

/// <summary>Handler dependencies of the SLA endpoints, bundled for <c>[AsParameters]</c>.</summary>
public sealed record SlaAssessmentServices(
    BrokerCallContext Context,
    SatisfactionStore Satisfaction,
    AssessmentService Assessments,
    SlaReportService Reports,
    IStatementEngine Statements,
    BrokerClock Clock,
    IOptions<SatisfactionOptions> Form)
{
    public DateTimeOffset Now => Clock.GetUtcNow();

    public BillingMonth CurrentMonth => BillingMonth.Of(Now);
}
