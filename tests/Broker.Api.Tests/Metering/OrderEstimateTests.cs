using System.Net;
using Broker.Api.Tests.Hosting;
using Broker.Api.Tests.Orders;

namespace Broker.Api.Tests.Metering;

/// <summary>An order shows what it costs per month: the same figure the quote endpoint gives, from the same rating code.</summary>
[Collection(ApiCollection.Name)]
public sealed class OrderEstimateTests(BrokerApiFactory broker)
{
    [Fact]
    public async Task The_order_and_the_quote_agree_on_the_monthly_cost()
    {
        var finance = broker.As("finance");
        await finance.Send(HttpMethod.Post, "/api/finance/rate-cards", new
        {
            effectiveFrom = "2026-01-01",
            backdatingReason = "order estimate test",
            prices = new { vcpuHour = 0.05m, memoryGibHour = 0.01m, storageGibMonth = 0.3m, slaMultipliers = new Dictionary<string, decimal> { ["silver"] = 1.2m } },
        }).Expect(HttpStatusCode.Created);
        var s = await SelfService.CreateAsync(broker, "est", d => d.WithSystem("tax"));

        var quote = await s.Member.Send(HttpMethod.Get, $"/api/departments/{s.Code}/quote?plan=vm-small&slaTier=silver&quantity=2").Expect(HttpStatusCode.OK);
        var order = await s.OrderAsync(SelfService.Vms("tax", 2)).Expect(HttpStatusCode.Created);
        var read = await s.Member.Send(HttpMethod.Get, $"/api/departments/{s.Code}/orders/{(string)order["id"]!}").Expect(HttpStatusCode.OK);

        var quoted = quote["monthlyTotal"]!.GetValue<decimal>();
        Assert.True(quoted > 0m);
        Assert.Equal(quoted, order["monthlyEstimateCny"]!.GetValue<decimal>());
        Assert.Equal(quoted, read["monthlyEstimateCny"]!.GetValue<decimal>());
    }
}
