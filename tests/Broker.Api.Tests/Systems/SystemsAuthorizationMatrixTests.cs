using System.Net;
using Broker.Api.Tests.Hosting;
using static Broker.Api.Tests.Hosting.AuthorizationMatrix;
using static Broker.Api.Tests.Systems.SystemBodies;

namespace Broker.Api.Tests.Systems;

/// <summary>
/// The systems endpoints × the principals of <see cref="AuthorizationMatrix"/>: anonymous 401, another
/// department's users 404, a role without the right 403, everyone else success.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SystemsAuthorizationMatrixTests(BrokerApiFactory broker)
{
    private sealed record Case(string Name, bool DepartmentScoped, HttpStatusCode Success, string[] Allowed, Func<string, Task<(HttpMethod Method, string Url, object? Body)>> Prepare);

    private Case[] Cases =>
    [
        new("systems.list", true, HttpStatusCode.OK, OwnReaders, own => Task.FromResult((HttpMethod.Get, $"/api/departments/{own}/systems", (object?)null))),
        new("systems.get", true, HttpStatusCode.OK, OwnReaders, async own => (HttpMethod.Get, $"/api/departments/{own}/systems/{await RegisterAsync(broker, own)}", null)),
        new("systems.register", true, HttpStatusCode.Created, OwnWriters,
            own => Task.FromResult((HttpMethod.Put, $"/api/departments/{own}/systems/{NewId("new")}", (object?)Registration().ToJsonString()))),
        new("platform.systems", false, HttpStatusCode.OK, Staff, _ => Task.FromResult((HttpMethod.Get, "/api/platform/systems?status=proposed", (object?)null))),
        new("platform.systems.review", false, HttpStatusCode.OK, ["platform-admin"],
            async own => (HttpMethod.Post, $"/api/platform/systems/{own}/{await RegisterAsync(broker, own)}/review", Approve())),
    ];

    [Fact]
    public async Task Each_role_gets_exactly_the_access_its_audience_allows() =>
        await CheckAsync(broker, from c in Cases from p in Principals select (Func<Task<Row>>)(async () =>
        {
            var own = await DepartmentAsync(broker, "sys-authz");
            return For(p, own, c.Name, await c.Prepare(own), c.Allowed, c.Success, c.DepartmentScoped);
        }));
}
