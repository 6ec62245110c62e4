using System.Net;
using Broker.Api.Tests.Hosting;
using static Broker.Api.Tests.Hosting.AuthorizationMatrix;

namespace Broker.Api.Tests.Sla;

/// <summary>
/// The SLA measurement endpoints × the principals of <see cref="AuthorizationMatrix"/>: platform staff (finance included)
/// read every department's attainment and the incidents, only platform admins and operators record incidents or take a
/// simulated host down, and a department reads only its own attainment (another department's users get 404).
/// </summary>
[Collection(SlaCollection.Name)]
public sealed class SlaAuthorizationMatrixTests(SlaApiFactory broker)
{
    private sealed record Case(string Name, bool DepartmentScoped, HttpStatusCode Success, string[] Allowed, Func<string, (HttpMethod Method, string Url, object? Body)> Prepare);

    private static readonly string[] Recorders = ["platform-admin", "platform-operator"];

    private static readonly Case[] Cases =
    [
        new("platform.attainment", false, HttpStatusCode.OK, Staff, own => (HttpMethod.Get, $"/api/platform/sla/attainment?period=2026-Q4&scope=tier&department={own}", null)),
        new("platform.incidents", false, HttpStatusCode.OK, Staff, _ => (HttpMethod.Get, "/api/platform/sla/incidents?period=2026-11", null)),
        new("platform.record-incident", false, HttpStatusCode.Created, Recorders, _ => (HttpMethod.Post, "/api/platform/sla/incidents",
            new { start = "2026-10-01T00:00:00+08:00", end = "2026-10-01T00:05:00+08:00", description = "matrix", backends = new[] { "simulated" } })),
        // Long before any resource of these tests existed: nothing else is disturbed.
        new("platform.simulated-outage", false, HttpStatusCode.Created, Recorders, _ => (HttpMethod.Post, "/api/platform/sla/simulated-outages",
            new { target = "general-01", start = "2020-01-01T00:00:00Z", minutes = 1 })),
        new("department.attainment", true, HttpStatusCode.OK, OwnReaders, own => (HttpMethod.Get, $"/api/departments/{own}/sla/attainment?period=2026-11", null)),
    ];

    [Fact]
    public async Task Each_role_gets_exactly_the_access_its_audience_allows()
    {
        var own = await Setup.Department("sla-authz").CreateAsync((role, department) => broker.As(role, department));
        await CheckAsync(broker, from c in Cases from p in Principals select For(p, own, c.Name, c.Prepare(own), c.Allowed, c.Success, c.DepartmentScoped));
    }
}
