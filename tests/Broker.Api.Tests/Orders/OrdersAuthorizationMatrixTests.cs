using System.Net;
using Broker.Api.Tests.Hosting;
using static Broker.Api.Tests.Hosting.AuthorizationMatrix;

namespace Broker.Api.Tests.Orders;

/// <summary>Every order, approval and resource endpoint, called by every principal (see <see cref="AuthorizationMatrix"/>).</summary>
[Collection(ApiCollection.Name)]
public sealed class OrdersAuthorizationMatrixTests(BrokerApiFactory broker)
{
    private sealed record Case(string Name, bool DepartmentScoped, HttpStatusCode Success, string[] Allowed, Func<SelfService, Task<(HttpMethod Method, string Url, object? Body)>> Prepare);

    private static readonly string[] DeptAdminOnly = ["dept-admin/own"];

    private static async Task<string> PendingOrder(SelfService s, bool departmentApproved = false)
    {
        var order = await s.OrderAsync(SelfService.Vms("sys", 1, plan: "vm-large")).Expect(HttpStatusCode.Created);
        var id = (string)order["id"]!;
        if (departmentApproved)
        {
            await s.DeptAdmin.Send(HttpMethod.Post, $"/api/departments/{s.Code}/orders/{id}/approve").Expect(HttpStatusCode.OK);
        }

        return id;
    }

    private static async Task<string> ReadyVm(SelfService s, bool stopped = false)
    {
        await s.OrderAsync(SelfService.Vms("sys", 1)).Expect(HttpStatusCode.Created);
        var id = (string)(await s.ResourcesAsync("ready")).Last()!["id"]!;
        if (stopped)
        {
            await s.Member.Send(HttpMethod.Post, $"/api/departments/{s.Code}/resources/{id}/stop").Expect(HttpStatusCode.OK);
        }

        return id;
    }

    private static readonly Case[] Cases =
    [
        new("orders.list", true, HttpStatusCode.OK, OwnReaders, s => Task.FromResult((HttpMethod.Get, $"/api/departments/{s.Code}/orders", (object?)null))),
        new("orders.place", true, HttpStatusCode.Created, OwnWriters, s => Task.FromResult((HttpMethod.Post, $"/api/departments/{s.Code}/orders", (object?)SelfService.Vms("sys", 1)))),
        new("orders.get", true, HttpStatusCode.OK, OwnReaders, async s => (HttpMethod.Get, $"/api/departments/{s.Code}/orders/{await PendingOrder(s)}", null)),
        new("orders.cancel", true, HttpStatusCode.OK, OwnWriters, async s => (HttpMethod.Post, $"/api/departments/{s.Code}/orders/{await PendingOrder(s)}/cancel", null)),
        new("orders.approve", true, HttpStatusCode.OK, DeptAdminOnly, async s => (HttpMethod.Post, $"/api/departments/{s.Code}/orders/{await PendingOrder(s)}/approve", null)),
        new("orders.reject", true, HttpStatusCode.OK, DeptAdminOnly, async s => (HttpMethod.Post, $"/api/departments/{s.Code}/orders/{await PendingOrder(s)}/reject", new { reason = "no" })),
        new("orders.queue", true, HttpStatusCode.OK, OwnReaders, s => Task.FromResult((HttpMethod.Get, $"/api/departments/{s.Code}/approvals", (object?)null))),
        new("platform.approvals", false, HttpStatusCode.OK, Staff, _ => Task.FromResult((HttpMethod.Get, "/api/platform/approvals", (object?)null))),
        new("platform.orders", false, HttpStatusCode.OK, Staff, _ => Task.FromResult((HttpMethod.Get, "/api/platform/orders", (object?)null))),
        new("platform.approve", false, HttpStatusCode.OK, ["platform-operator"], async s => (HttpMethod.Post, $"/api/platform/orders/{s.Code}/{await PendingOrder(s, departmentApproved: true)}/approve", null)),
        new("platform.reject", false, HttpStatusCode.OK, ["platform-operator"], async s => (HttpMethod.Post, $"/api/platform/orders/{s.Code}/{await PendingOrder(s, departmentApproved: true)}/reject", new { reason = "no" })),
        new("resources.list", true, HttpStatusCode.OK, OwnReaders, s => Task.FromResult((HttpMethod.Get, $"/api/departments/{s.Code}/resources", (object?)null))),
        new("resources.get", true, HttpStatusCode.OK, OwnReaders, async s => (HttpMethod.Get, $"/api/departments/{s.Code}/resources/{await ReadyVm(s)}", null)),
        new("resources.resize", true, HttpStatusCode.OK, OwnWriters, async s => (HttpMethod.Post, $"/api/departments/{s.Code}/resources/{await ReadyVm(s)}/resize", new { planCode = "vm-medium" })),
        new("resources.stop", true, HttpStatusCode.OK, OwnWriters, async s => (HttpMethod.Post, $"/api/departments/{s.Code}/resources/{await ReadyVm(s)}/stop", null)),
        new("resources.start", true, HttpStatusCode.OK, OwnWriters, async s => (HttpMethod.Post, $"/api/departments/{s.Code}/resources/{await ReadyVm(s, stopped: true)}/start", null)),
        // Authorized callers reach the state machine, which refuses a retry of a healthy resource.
        new("resources.retry", true, HttpStatusCode.Conflict, OwnWriters, async s => (HttpMethod.Post, $"/api/departments/{s.Code}/resources/{await ReadyVm(s)}/retry", null)),
        new("resources.delete", true, HttpStatusCode.OK, OwnWriters, async s => (HttpMethod.Delete, $"/api/departments/{s.Code}/resources/{await ReadyVm(s)}", null)),
        new("resources.lease", true, HttpStatusCode.OK, DeptAdminOnly, async s => (HttpMethod.Put, $"/api/departments/{s.Code}/resources/{await ReadyVm(s)}/lease", new { leaseEnd = DateTimeOffset.UtcNow.AddYears(1) })),
    ];

    [Fact]
    public async Task Each_role_gets_exactly_the_access_its_audience_allows() =>
        await CheckAsync(broker, from c in Cases from p in Principals select (Func<Task<Row>>)(async () =>
        {
            var s = await SelfService.CreateAsync(broker, "authz", d => d.WithSystem("sys", envelopeVcpu: 8));
            return For(p, s.Code, c.Name, await c.Prepare(s), c.Allowed, c.Success, c.DepartmentScoped);
        }));
}
