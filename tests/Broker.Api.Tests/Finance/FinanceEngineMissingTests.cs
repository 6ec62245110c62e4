using System.Net;
using Broker.Api.Tests.Hosting;

namespace Broker.Api.Tests.Finance;

/// <summary>The ordinary test broker has no statement engine yet: it still starts, and the views say why they cannot answer.</summary>
[Collection(ApiCollection.Name)]
public sealed class FinanceEngineMissingTests(BrokerApiFactory broker)
{
    [Fact]
    public async Task Views_that_need_statements_answer_503_naming_the_missing_engine_and_budgets_still_work()
    {
        var trend = await broker.As("finance").Send(HttpMethod.Get, "/api/finance/trend", language: "en").Expect(HttpStatusCode.ServiceUnavailable);
        var budgets = await broker.As("finance").Send(HttpMethod.Get, "/api/finance/budgets").Expect(HttpStatusCode.OK);

        Assert.Equal("finance.engine-unavailable", trend["code"]!.GetValue<string>());
        Assert.Contains("statement engine", trend["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(budgets.AsArray());
    }
}
