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

    public static TheoryData<string, string> Matrix()
    {
        var data = new TheoryData<string, string>();
        foreach (var endpoint in new[] { "systems.list", "systems.get", "systems.register", "platform.systems", "platform.systems.review" })
        {
            foreach (var p in Principals)
            {
                data.Add(endpoint, p.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_gets_exactly_the_access_its_audience_allows(string endpoint, string principal)
    {
        var c = Cases.Single(x => x.Name == endpoint);
        var p = Named(principal);
        var own = await DepartmentAsync(broker, "sys-authz");
        var (method, url, body) = await c.Prepare(own);

        var response = await ClientFor(broker, p, own).Send(method, url, body);

        var expected = Expected(p, c.Allowed, c.Success, c.DepartmentScoped);
        Assert.True(expected == response.StatusCode, $"{principal} {method} {url}: expected {(int)expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        if ((int)expected >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }
}
