using System.Net;
using Broker.Api.Tests.Hosting;

namespace Broker.Api.Tests.Orders;

/// <summary>
/// Nobody approves their own order or reviews their own system: the refusal is 403 problem+json with its code, in
/// both languages, and changes nothing; someone else then decides as usual.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SeparationOfDutiesTests(BrokerApiFactory broker)
{
    [Theory]
    [InlineData("en", "someone other than the orderer")]
    [InlineData("zh-CN", "申请人以外")]
    public async Task A_department_admin_cannot_approve_an_order_they_placed_and_another_admin_can(string language, string text)
    {
        var s = await SelfService.CreateAsync(broker, "sod", d => d.WithSystem("tax"));
        using var chief = broker.As("dept-admin", s.Code, subject: $"chief@{s.Code}");
        var order = await chief.Send(HttpMethod.Post, $"/api/departments/{s.Code}/orders", SelfService.Vms("tax", 1, plan: "vm-medium", tier: "gold")).Expect(HttpStatusCode.Created);
        var id = (string)order["id"]!;
        Assert.Equal("pending-approval", (string)order["state"]!);

        var own = await chief.Send(HttpMethod.Post, $"/api/departments/{s.Code}/orders/{id}/approve", language: language);

        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Equal("application/problem+json", own.Content.Headers.ContentType?.MediaType);
        var problem = await own.Json();
        Assert.Equal("order.self-approval", (string?)problem["code"]);
        Assert.Equal("level", (string?)problem["field"]);
        Assert.Contains(text, (string?)problem["detail"], StringComparison.Ordinal);
        var unchanged = await s.Member.Send(HttpMethod.Get, $"/api/departments/{s.Code}/orders/{id}").Expect(HttpStatusCode.OK);
        Assert.Equal("pending-approval", (string)unchanged["state"]!);
        Assert.Empty(unchanged["approvals"]![0]!["approvedBy"]!.AsArray());
        var audit = await s.DeptAdmin.Send(HttpMethod.Get, $"/api/departments/{s.Code}/audit?objectType=order&objectId={id}").Expect(HttpStatusCode.OK);
        Assert.Equal(["order.placed"], audit["items"]!.AsArray().Select(e => (string)e!["action"]!));

        using var deputy = broker.As("dept-admin", s.Code, subject: $"deputy@{s.Code}");
        var approved = await deputy.Send(HttpMethod.Post, $"/api/departments/{s.Code}/orders/{id}/approve").Expect(HttpStatusCode.OK);
        Assert.Equal([$"deputy@{s.Code}"], approved["approvals"]![0]!["approvedBy"]!.AsArray().Select(a => (string)a!));
        Assert.Equal("platform-operator", (string?)approved["waitingFor"]);
        // Gives the held room back: the machine room is shared with the rest of the collection.
        await s.Operator.Send(HttpMethod.Post, $"/api/platform/orders/{s.Code}/{id}/reject", new { reason = "test over" }).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_orderer_may_still_withdraw_or_reject_their_own_order()
    {
        var s = await SelfService.CreateAsync(broker, "sodr", d => d.WithSystem("tax"));
        using var chief = broker.As("dept-admin", s.Code, subject: $"chief@{s.Code}");
        var id = (string)(await chief.Send(HttpMethod.Post, $"/api/departments/{s.Code}/orders", SelfService.Vms("tax", 1, plan: "vm-medium", tier: "gold")).Expect(HttpStatusCode.Created))["id"]!;

        var rejected = await chief.Send(HttpMethod.Post, $"/api/departments/{s.Code}/orders/{id}/reject", new { reason = "no longer needed" }).Expect(HttpStatusCode.OK);

        Assert.Equal("rejected", (string)rejected["state"]!);
    }

    [Theory]
    [InlineData("en", "You cannot review a system you registered")]
    [InlineData("zh-CN", "不能评审自己登记")]
    public async Task A_platform_admin_cannot_review_a_system_they_registered(string language, string text)
    {
        var s = await SelfService.CreateAsync(broker, "sods");
        using var registrar = broker.As("dept-admin", s.Code, subject: "alice");
        await registrar.Send(HttpMethod.Put, $"/api/departments/{s.Code}/systems/tax", new
        {
            name = "网上办税",
            description = "Online tax filing",
            omTier = 2,
            buildInvestmentCny = 3_000_000m,
            category = "business-application",
            declarations = new { onSharedCloud = true, networkZone = "extranet", sharingScope = "department", sharedCatalogEntries = new[] { "tax-records" } },
        }).Expect(HttpStatusCode.Created);
        var review = new
        {
            approve = true,
            envelope = new { vector = new Dictionary<string, long> { ["vcpu"] = 16, ["memory_gib"] = 64 }, period = "total" },
        };

        using var samePerson = broker.As("platform-admin", subject: "alice");
        var own = await samePerson.Send(HttpMethod.Post, $"/api/platform/systems/{s.Code}/tax/review", review, language: language);

        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        var problem = await own.Json();
        Assert.Equal("system.self-review", (string?)problem["code"]);
        Assert.Equal("reviewer", (string?)problem["field"]);
        Assert.Contains(text, (string?)problem["detail"], StringComparison.Ordinal);
        var unchanged = await s.Member.Send(HttpMethod.Get, $"/api/departments/{s.Code}/systems/tax").Expect(HttpStatusCode.OK);
        Assert.Equal("proposed", (string)unchanged["status"]!);

        using var other = broker.As("platform-admin", subject: "bob");
        var approved = await other.Send(HttpMethod.Post, $"/api/platform/systems/{s.Code}/tax/review", review).Expect(HttpStatusCode.OK);
        Assert.Equal("approved", (string)approved["status"]!);
    }
}
