using System.Net;
using Broker.Api.Tests.Hosting;
using static Broker.Api.Tests.Hosting.HttpTesting;

namespace Broker.Api.Tests.Quotas;

[Collection(ApiCollection.Name)]
public sealed class ReservationsApiTests(BrokerApiFactory broker)
{
    private async Task<(string Code, HttpClient Member)> NewDepartmentAsync()
    {
        var code = NewCode("resv");
        await broker.As("platform-admin").Send(HttpMethod.Post, "/api/platform/departments", Department(code, vcpu: 8)).Expect(HttpStatusCode.Created);
        return (code, broker.As("dept-member", code));
    }

    private static long Figure(System.Text.Json.Nodes.JsonNode quota, string dimension, string figure) =>
        quota["dimensions"]!.AsArray().Single(d => (string)d!["dimension"]! == dimension)![figure]!.GetValue<long>();

    [Fact]
    public async Task Reserve_commit_and_release_show_in_the_quota_at_every_step()
    {
        var (code, member) = await NewDepartmentAsync();

        var held = await member.Send(HttpMethod.Post, $"/api/departments/{code}/reservations", new { id = "vm-1", vector = new { vcpu = 6, memory_gib = 8 } }).Expect(HttpStatusCode.Created);
        Assert.Equal("held", (string)held["state"]!);
        var quota = await member.Send(HttpMethod.Get, $"/api/departments/{code}/quota").Expect(HttpStatusCode.OK);
        Assert.Equal(6, Figure(quota, "vcpu", "reserved"));
        Assert.Equal(2, Figure(quota, "vcpu", "available"));

        var denied = await member.Send(HttpMethod.Post, $"/api/departments/{code}/reservations", new { id = "vm-2", vector = new { vcpu = 3 } }).Expect(HttpStatusCode.Conflict);
        Assert.Equal("quota.exceeded", (string)denied["code"]!);
        Assert.Equal(1, denied["shortfalls"]![0]!["missing"]!.GetValue<long>());

        await member.Send(HttpMethod.Post, $"/api/departments/{code}/reservations/vm-1/commit").Expect(HttpStatusCode.OK);
        quota = await member.Send(HttpMethod.Get, $"/api/departments/{code}/quota").Expect(HttpStatusCode.OK);
        Assert.Equal(6, Figure(quota, "vcpu", "used"));
        Assert.Equal(0, Figure(quota, "vcpu", "reserved"));

        var listed = await member.Send(HttpMethod.Get, $"/api/departments/{code}/reservations").Expect(HttpStatusCode.OK);
        Assert.Equal(["vm-1"], listed.AsArray().Select(r => (string)r!["id"]!));

        await member.Send(HttpMethod.Post, $"/api/departments/{code}/reservations/vm-1/release").Expect(HttpStatusCode.OK);
        quota = await member.Send(HttpMethod.Get, $"/api/departments/{code}/quota").Expect(HttpStatusCode.OK);
        Assert.Equal(8, Figure(quota, "vcpu", "available"));
        Assert.Equal("released", (string)(await member.Send(HttpMethod.Get, $"/api/departments/{code}/reservations/vm-1").Expect(HttpStatusCode.OK))["state"]!);
    }

    [Fact]
    public async Task The_idempotency_key_names_the_reservation_so_a_retry_finds_it_and_another_body_conflicts()
    {
        var (code, member) = await NewDepartmentAsync();
        var key = Guid.NewGuid().ToString("n");

        var first = await member.Send(HttpMethod.Post, $"/api/departments/{code}/reservations", new { vector = new { vcpu = 2 } }, key).Expect(HttpStatusCode.Created);
        await member.Send(HttpMethod.Post, $"/api/departments/{code}/reservations", new { vector = new { vcpu = 2 } }, key).Expect(HttpStatusCode.Created);
        await member.Send(HttpMethod.Post, $"/api/departments/{code}/reservations", new { vector = new { vcpu = 3 } }, key).Expect(HttpStatusCode.Conflict);

        Assert.Equal(key, (string)first["id"]!);
        var quota = await member.Send(HttpMethod.Get, $"/api/departments/{code}/quota").Expect(HttpStatusCode.OK);
        Assert.Equal(2, Figure(quota, "vcpu", "reserved"));
    }

    public static TheoryData<string, string> InvalidReservations() => new()
    {
        { """{"vector":{}}""", "vector" },
        { """{"vector":{"vcpu":0}}""", "vector.vcpu" },
        { """{"vector":{"vcpu":-2}}""", "vector.vcpu" },
        { """{"vector":{"quantum_bits":1}}""", "vector.quantum_bits" },
        { """{"vector":{"vcpu":1},"ttlSeconds":-5}""", "ttlSeconds" },
        { """{"vector":{"vcpu":1},"ttlSeconds":99999999}""", "ttlSeconds" },
        { """{"id":"has space","vector":{"vcpu":1}}""", "id" },
        { """{"vector":{"vcpu":1.5}}""", "vector.vcpu" },
        { """[1,2]""", "body" },
    };

    [Theory]
    [MemberData(nameof(InvalidReservations))]
    public async Task Bad_reservations_get_a_problem_naming_the_field_and_change_nothing(string body, string field)
    {
        var (code, member) = await NewDepartmentAsync();

        var problem = await member.Send(HttpMethod.Post, $"/api/departments/{code}/reservations", body).Expect(HttpStatusCode.BadRequest);

        Assert.Contains(field, problem["errors"]!.AsObject().Select(p => p.Key));
        var quota = await member.Send(HttpMethod.Get, $"/api/departments/{code}/quota").Expect(HttpStatusCode.OK);
        Assert.Equal(0, Figure(quota, "vcpu", "reserved"));
        Assert.Empty((await member.Send(HttpMethod.Get, $"/api/departments/{code}/reservations").Expect(HttpStatusCode.OK)).AsArray());
    }

    [Fact]
    public async Task Unknown_reservations_and_departments_answer_404()
    {
        var (code, member) = await NewDepartmentAsync();
        await member.Send(HttpMethod.Post, $"/api/departments/{code}/reservations/nope/commit").Expect(HttpStatusCode.NotFound);
        await member.Send(HttpMethod.Get, $"/api/departments/{code}/reservations/nope").Expect(HttpStatusCode.NotFound);
        await broker.As("platform-admin").Send(HttpMethod.Get, "/api/departments/no-such-dept/quota").Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Lowering_the_quota_below_use_is_allowed_and_then_nothing_new_fits()
    {
        var (code, member) = await NewDepartmentAsync();
        await member.Send(HttpMethod.Post, $"/api/departments/{code}/reservations", new { id = "a", vector = new { vcpu = 6 } }).Expect(HttpStatusCode.Created);

        await broker.As("platform-admin").Send(HttpMethod.Put, $"/api/platform/departments/{code}/quota", new { limits = new { vcpu = 2 } }).Expect(HttpStatusCode.OK);

        await member.Send(HttpMethod.Post, $"/api/departments/{code}/reservations", new { id = "b", vector = new { vcpu = 1 } }).Expect(HttpStatusCode.Conflict);
        var quota = await member.Send(HttpMethod.Get, $"/api/departments/{code}/quota").Expect(HttpStatusCode.OK);
        Assert.Equal(0, Figure(quota, "vcpu", "available"));
        Assert.Equal(6, Figure(quota, "vcpu", "reserved"));
    }
}
