using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Broker.Api.Tests.Hosting;

namespace Broker.Api.Tests.Orders;

/// <summary>
/// Lease ends as clients send them: any offset is taken and kept as the same instant in UTC; a date outside the sane
/// range is refused with 400 naming <c>leaseEnd</c> and changes nothing (no order, no quota, no resource, lease kept).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class LeaseDateTests(BrokerApiFactory broker)
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    [Fact]
    public async Task An_order_whose_lease_end_carries_an_offset_is_built_with_that_instant_in_utc()
    {
        var s = await ReadyAsync("lease-offset");
        var end = broker.Time.GetUtcNow().AddDays(200).ToOffset(Beijing);

        var order = await s.OrderAsync(Body(Wire(end), quantity: 2)).Expect(HttpStatusCode.Created);
        Assert.Equal("approved", (string)order["state"]!);
        await s.ReconcileAllAsync(broker);

        var resources = await s.ResourcesAsync();
        Assert.Equal(2, resources.Count);
        Assert.All(resources, r => Assert.Equal("ready", (string)r!["state"]!));
        Assert.All(resources, r => Assert.Equal(end.UtcDateTime, LeaseOf(r!)!.Value.UtcDateTime));
        Assert.All(resources, r => Assert.Equal(TimeSpan.Zero, LeaseOf(r!)!.Value.Offset)); // kept in UTC, as the directory stores it
        Assert.Equal(0, SelfService.Figure(await s.QuotaAsync(), "vcpu", "reserved"));
        await s.AssertQuotaMatchesResourcesAsync();
    }

    [Fact]
    public async Task A_lease_moved_with_an_offset_is_kept_in_utc()
    {
        var s = await ReadyAsync("lease-put-offset");
        var id = await OneReadyVmAsync(s);
        var end = broker.Time.GetUtcNow().AddDays(90).ToOffset(TimeSpan.FromHours(-5));

        var moved = await s.DeptAdmin.Send(HttpMethod.Put, Lease(s, id), $$"""{"leaseEnd":"{{Wire(end)}}"}""").Expect(HttpStatusCode.OK);

        Assert.Equal(end.UtcDateTime, LeaseOf(moved)!.Value.UtcDateTime);
        Assert.Equal(end.UtcDateTime, LeaseOf(await s.Member.Send(HttpMethod.Get, $"/api/departments/{s.Code}/resources/{id}").Expect(HttpStatusCode.OK))!.Value.UtcDateTime);
    }

    [Theory]
    [InlineData("9999-12-31T23:59:59Z", "lease.out-of-range")]
    [InlineData("9999-12-31T23:59:59+08:00", "lease.out-of-range")]
    [InlineData("2001-01-01T00:00:00+08:00", "lease.in-the-past")]
    public async Task An_order_with_a_lease_end_out_of_range_is_refused_and_leaves_nothing_behind(string leaseEnd, string code)
    {
        var s = await ReadyAsync("lease-range");

        var refused = await s.OrderAsync(Body(leaseEnd, quantity: 1)).Expect(HttpStatusCode.BadRequest);

        Assert.Equal(code, (string)refused["code"]!);
        Assert.Contains("leaseEnd", refused["errors"]!.AsObject().Select(p => p.Key));
        Assert.Empty((await s.Member.Send(HttpMethod.Get, $"/api/departments/{s.Code}/orders").Expect(HttpStatusCode.OK))["items"]!.AsArray());
        Assert.Empty(await s.ResourcesAsync());
        var quota = await s.QuotaAsync();
        Assert.Equal(0, SelfService.Figure(quota, "vcpu", "used") + SelfService.Figure(quota, "vcpu", "reserved"));
    }

    [Fact]
    public async Task A_lease_end_beyond_the_configured_horizon_is_refused_and_one_just_inside_it_is_taken()
    {
        var s = await ReadyAsync("lease-horizon");
        var id = await OneReadyVmAsync(s);
        var now = broker.Time.GetUtcNow();
        var before = LeaseOf(await s.Member.Send(HttpMethod.Get, $"/api/departments/{s.Code}/resources/{id}").Expect(HttpStatusCode.OK));

        var far = await s.DeptAdmin.Send(HttpMethod.Put, Lease(s, id), new { leaseEnd = now.AddYears(10).AddDays(1) }).Expect(HttpStatusCode.BadRequest);
        Assert.Equal("lease.out-of-range", (string)far["code"]!);
        Assert.Contains("leaseEnd", far["errors"]!.AsObject().Select(p => p.Key));
        var max = await s.DeptAdmin.Send(HttpMethod.Put, Lease(s, id), "{\"leaseEnd\":\"9999-12-31T23:59:59Z\"}").Expect(HttpStatusCode.BadRequest);
        Assert.Equal("lease.out-of-range", (string)max["code"]!);
        Assert.Equal(before, LeaseOf(await s.Member.Send(HttpMethod.Get, $"/api/departments/{s.Code}/resources/{id}").Expect(HttpStatusCode.OK)));

        await s.DeptAdmin.Send(HttpMethod.Put, Lease(s, id), new { leaseEnd = now.AddYears(10).AddDays(-1) }).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_misspelt_or_missing_lease_end_changes_nothing_and_only_an_explicit_delete_removes_the_lease()
    {
        var s = await ReadyAsync("lease-clear");
        var id = await OneReadyVmAsync(s);
        var before = LeaseOf(await s.Member.Send(HttpMethod.Get, $"/api/departments/{s.Code}/resources/{id}").Expect(HttpStatusCode.OK));
        Assert.NotNull(before);

        // A misspelt field is refused: another engineer refuses unknown fields globally; without that, the missing
        // leaseEnd is refused here, so either way the lease stays.
        var misspelt = await s.DeptAdmin.Send(HttpMethod.Put, Lease(s, id), "{\"lease_end\":\"2030-01-01T00:00:00Z\"}");
        Assert.Equal(HttpStatusCode.BadRequest, misspelt.StatusCode);
        var missing = await s.DeptAdmin.Send(HttpMethod.Put, Lease(s, id), "{}").Expect(HttpStatusCode.BadRequest);
        Assert.Equal("field.required", (string)missing["code"]!);
        Assert.Contains("leaseEnd", missing["errors"]!.AsObject().Select(p => p.Key));
        await s.DeptAdmin.Send(HttpMethod.Put, Lease(s, id), "{\"leaseEnd\":null}").Expect(HttpStatusCode.BadRequest);
        Assert.Equal(before, LeaseOf(await s.Member.Send(HttpMethod.Get, $"/api/departments/{s.Code}/resources/{id}").Expect(HttpStatusCode.OK)));

        // Who may remove a lease, as who may move it: the department's admin only. (Not in the orders authorization
        // matrix: each of its cases builds a VM in the shared machine room, which that matrix already nearly fills.)
        await s.Member.Send(HttpMethod.Delete, Lease(s, id)).Expect(HttpStatusCode.Forbidden);
        await broker.As("dept-reader", s.Code).Send(HttpMethod.Delete, Lease(s, id)).Expect(HttpStatusCode.Forbidden);
        await broker.As("dept-admin", "someone-else").Send(HttpMethod.Delete, $"/api/departments/someone-else/resources/{id}/lease").Expect(HttpStatusCode.NotFound);
        var cleared = await s.DeptAdmin.Send(HttpMethod.Delete, Lease(s, id)).Expect(HttpStatusCode.OK);
        Assert.Null(LeaseOf(cleared));
        Assert.Null(LeaseOf(await s.Member.Send(HttpMethod.Get, $"/api/departments/{s.Code}/resources/{id}").Expect(HttpStatusCode.OK)));
        await s.DeptAdmin.Send(HttpMethod.Delete, Lease(s, id)).Expect(HttpStatusCode.OK); // already without a lease: same answer
    }

    private async Task<SelfService> ReadyAsync(string prefix)
    {
        var s = await SelfService.CreateAsync(broker, prefix, d => d.WithSystem("lab"));
        return s;
    }

    private async Task<string> OneReadyVmAsync(SelfService s)
    {
        await s.OrderAsync(SelfService.Vms("lab", 1, leaseEnd: broker.Time.GetUtcNow().AddDays(30))).Expect(HttpStatusCode.Created);
        await s.ReconcileAllAsync(broker);
        return (string)(await s.ResourcesAsync("ready")).Single()!["id"]!;
    }

    private static string Lease(SelfService s, string id) => $"/api/departments/{s.Code}/resources/{id}/lease";

    /// <summary>The order body as raw JSON, so the lease end goes on the wire exactly as written.</summary>
    private static string Body(string leaseEnd, int quantity) =>
        $$"""{"systemId":"lab","planCode":"vm-small","slaTier":"silver","quantity":{{quantity}},"image":"debian-12","leaseEnd":"{{leaseEnd}}"}""";

    private static string Wire(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static DateTimeOffset? LeaseOf(JsonNode resource) =>
        resource["leaseEnd"] is { } end ? DateTimeOffset.Parse((string)end!, CultureInfo.InvariantCulture) : null;
}
