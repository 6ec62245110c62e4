using System.Net;
using Broker.Api.Tests.Hosting;
using static Broker.Api.Tests.Hosting.AuthorizationMatrix;

namespace Broker.Api.Tests.Identity;

/// <summary>
/// Every endpoint, called by every role, against its own department and another's. Anonymous callers get 401;
/// a department user reaching into another department gets 404 (its objects do not exist for them); a role without
/// the right gets 403; everyone else succeeds.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AuthorizationMatrixTests(BrokerApiFactory broker)
{
    private sealed record Case(string Name, bool DepartmentScoped, HttpStatusCode Success, string[] Allowed, Func<Setup, Task<(HttpMethod Method, string Url, object? Body)>> Prepare);

    private sealed record Setup(BrokerApiFactory Broker, string Own, HttpClient OwnAdmin, HttpClient PlatformAdmin)
    {
        public async Task<string> ReserveAsync()
        {
            var id = Guid.NewGuid().ToString("n");
            await OwnAdmin.Send(HttpMethod.Post, $"/api/departments/{Own}/reservations", new { id, vector = new { vcpu = 1 } }).Expect(HttpStatusCode.Created);
            return id;
        }
    }

    // Declared before Cases: static fields initialize in textual order.
    private static readonly string[] PlatformTeam = ["platform-admin", "platform-operator"];
    private static readonly string[] AuditWhole = ["platform-admin", "auditor", "dept-admin/own", "dept-member/own", "dept-reader/own"];

    private static readonly Case[] Cases =
    [
        new("whoami", false, HttpStatusCode.OK, Everyone, _ => Task.FromResult((HttpMethod.Get, "/api/me", (object?)null))),
        new("quota-dimensions", false, HttpStatusCode.OK, Everyone, _ => Task.FromResult((HttpMethod.Get, "/api/quota-dimensions", (object?)null))),
        new("platform.list", false, HttpStatusCode.OK, Staff, _ => Task.FromResult((HttpMethod.Get, "/api/platform/departments", (object?)null))),
        new("platform.get", false, HttpStatusCode.OK, Staff, s => Task.FromResult((HttpMethod.Get, $"/api/platform/departments/{s.Own}", (object?)null))),
        new("platform.create", false, HttpStatusCode.Created, ["platform-admin"],
            _ => Task.FromResult((HttpMethod.Post, "/api/platform/departments", (object?)HttpTesting.Department(HttpTesting.NewCode("new"))))),
        new("platform.update", false, HttpStatusCode.OK, ["platform-admin"],
            s => Task.FromResult((HttpMethod.Put, $"/api/platform/departments/{s.Own}", (object?)new { nameZh = "新名", nameEn = "New name", status = "active" }))),
        new("platform.set-quota", false, HttpStatusCode.OK, ["platform-admin"],
            s => Task.FromResult((HttpMethod.Put, $"/api/platform/departments/{s.Own}/quota", (object?)new { limits = new { vcpu = 64 } }))),
        new("platform.delete", false, HttpStatusCode.NoContent, ["platform-admin"], async s =>
        {
            var code = HttpTesting.NewCode("gone");
            await s.PlatformAdmin.Send(HttpMethod.Post, "/api/platform/departments", HttpTesting.Department(code)).Expect(HttpStatusCode.Created);
            return (HttpMethod.Delete, $"/api/platform/departments/{code}", null);
        }),
        new("platform.audit", false, HttpStatusCode.OK, ["platform-admin", "auditor"],
            s => Task.FromResult((HttpMethod.Get, $"/api/platform/audit?department={s.Own}", (object?)null))),
        new("department.get", true, HttpStatusCode.OK, OwnReaders, s => Task.FromResult((HttpMethod.Get, $"/api/departments/{s.Own}", (object?)null))),
        new("department.quota", true, HttpStatusCode.OK, OwnReaders, s => Task.FromResult((HttpMethod.Get, $"/api/departments/{s.Own}/quota", (object?)null))),
        // Audit (docs/security.md): the department and auditors (and platform admins) read it whole; operators and finance
        // only the object types their work decides on, named in the query.
        new("department.audit", true, HttpStatusCode.OK, AuditWhole, s => Task.FromResult((HttpMethod.Get, $"/api/departments/{s.Own}/audit", (object?)null))),
        new("department.audit.orders", true, HttpStatusCode.OK, [.. AuditWhole, "platform-operator"],
            s => Task.FromResult((HttpMethod.Get, $"/api/departments/{s.Own}/audit?objectType=order", (object?)null))),
        new("department.audit.resources", true, HttpStatusCode.OK, [.. AuditWhole, "platform-operator"],
            s => Task.FromResult((HttpMethod.Get, $"/api/departments/{s.Own}/audit?objectType=resource", (object?)null))),
        new("department.audit.budgets", true, HttpStatusCode.OK, [.. AuditWhole, "finance"],
            s => Task.FromResult((HttpMethod.Get, $"/api/departments/{s.Own}/audit?objectType=budget", (object?)null))),
        new("department.audit.quota", true, HttpStatusCode.OK, AuditWhole,
            s => Task.FromResult((HttpMethod.Get, $"/api/departments/{s.Own}/audit?objectType=department", (object?)null))),
        new("platform.audit.orders", false, HttpStatusCode.OK, ["platform-admin", "auditor", "platform-operator"],
            _ => Task.FromResult((HttpMethod.Get, "/api/platform/audit?objectType=order", (object?)null))),
        new("platform.audit.rate-cards", false, HttpStatusCode.OK, ["platform-admin", "auditor", "finance"],
            _ => Task.FromResult((HttpMethod.Get, "/api/platform/audit?objectType=rate-card", (object?)null))),
        new("platform.audit.statements", false, HttpStatusCode.OK, ["platform-admin", "auditor", "finance"],
            _ => Task.FromResult((HttpMethod.Get, "/api/platform/audit?objectType=statement-month", (object?)null))),
        new("reservations.list", true, HttpStatusCode.OK, OwnReaders, s => Task.FromResult((HttpMethod.Get, $"/api/departments/{s.Own}/reservations", (object?)null))),
        new("reservations.get", true, HttpStatusCode.OK, OwnReaders, async s => (HttpMethod.Get, $"/api/departments/{s.Own}/reservations/{await s.ReserveAsync()}", null)),
        new("reservations.create", true, HttpStatusCode.Created, OwnWriters,
            s => Task.FromResult((HttpMethod.Post, $"/api/departments/{s.Own}/reservations", (object?)new { vector = new { vcpu = 1 } }))),
        new("reservations.commit", true, HttpStatusCode.OK, OwnWriters, async s => (HttpMethod.Post, $"/api/departments/{s.Own}/reservations/{await s.ReserveAsync()}/commit", null)),
        new("reservations.release", true, HttpStatusCode.OK, OwnWriters, async s => (HttpMethod.Post, $"/api/departments/{s.Own}/reservations/{await s.ReserveAsync()}/release", null)),
        new("capacity.report", false, HttpStatusCode.OK, PlatformTeam, _ => Task.FromResult((HttpMethod.Get, "/api/platform/capacity", (object?)null))),
        new("capacity.overbooking", false, HttpStatusCode.OK, PlatformTeam, _ => Task.FromResult((HttpMethod.Get, "/api/platform/capacity/overbooking", (object?)null))),
        new("capacity.plan-fit", false, HttpStatusCode.OK, PlatformTeam, async s =>
        {
            // A plan of its own: the matrix must not depend on which tests created which plans before it.
            var plan = HttpTesting.NewCode("fit");
            await s.PlatformAdmin.Send(HttpMethod.Post, "/api/platform/catalog/plans", Catalog.CatalogBodies.VmPlan(plan)).Expect(HttpStatusCode.Created);
            return (HttpMethod.Get, $"/api/platform/capacity/plans/{plan}/fit", null);
        }),
    ];

    [Fact]
    public async Task Each_role_gets_exactly_the_access_its_audience_allows() =>
        await CheckAsync(broker, from c in Cases from p in Principals select (Func<Task<Row>>)(async () =>
        {
            var own = HttpTesting.NewCode("authz");
            var admin = broker.As("platform-admin");
            await admin.Send(HttpMethod.Post, "/api/platform/departments", HttpTesting.Department(own)).Expect(HttpStatusCode.Created);
            var setup = new Setup(broker, own, broker.As("dept-admin", own), admin);
            return For(p, own, c.Name, await c.Prepare(setup), c.Allowed, c.Success, c.DepartmentScoped);
        }));
}
