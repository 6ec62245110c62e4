using System.Net;
using Broker.Api.Tests.Hosting;

namespace Broker.Api.Tests.Http;

/// <summary>
/// Bodies and parameters the framework cannot bind: each a 400 problem+json naming the field, never a 5xx, and
/// nothing written. Unknown fields are refused by name everywhere (a misspelt <c>lease_end</c> once cleared a lease).
/// These also pin the framework messages that BrokerExceptionHandler reads the field from.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class RequestBindingTests(EdgeHost broker)
{
    [Theory]
    [InlineData("{\"code\":", "json.malformed", "code")]
    [InlineData("", "body.required", "body")]
    [InlineData("null", "body.required", "body")]
    [InlineData("[]", "json.malformed", "body")]
    [InlineData("[{\"code\":\"x\"}]", "json.malformed", "body")]
    [InlineData("{\"code\":\"x\",\"quota\":[1]}", "json.malformed", "quota")]
    [InlineData("{\"code\":\"x\",\"nameZh\":\"局\",\"bogus\":1}", "json.unknown-field", "bogus")]
    [InlineData("{\"code\":\"x\",\"contacts\":[{\"name\":\"张三\",\"mail\":\"z@example.gov\"}]}", "json.unknown-field", "contacts[0].mail")]
    public async Task A_body_that_does_not_bind_is_a_400_problem_naming_the_field_and_creates_nothing(string body, string code, string field)
    {
        var before = await Footprint.OfAsync(broker.ConnectionString);

        await ProblemAssert.Is(broker.As("platform-admin").Send(HttpMethod.Post, "/api/platform/departments", body), HttpStatusCode.BadRequest, code, field);

        Assert.Equal(before, await Footprint.OfAsync(broker.ConnectionString));
    }

    [Fact]
    public async Task A_misspelt_lease_field_is_refused_by_name_and_the_lease_is_left_alone()
    {
        var code = await Setup.Department("lease").CreateAsync(broker);
        var before = await Footprint.OfAsync(broker.ConnectionString);

        var problem = await ProblemAssert.Is(
            broker.As("dept-admin", code).Send(HttpMethod.Put, $"/api/departments/{code}/resources/any-resource/lease", "{\"lease_end\":\"2027-06-30T00:00:00Z\"}", language: "en"),
            HttpStatusCode.BadRequest, "json.unknown-field", "lease_end");

        Assert.Equal("Unknown field 'lease_end': check its spelling.", (string?)problem["detail"]);
        Assert.Equal(before, await Footprint.OfAsync(broker.ConnectionString));
    }

    [Fact]
    public async Task Every_body_the_broker_documents_still_binds_with_its_own_fields()
    {
        // A department with every field of the create body, then the profile and quota bodies: none is an unknown field.
        var admin = broker.As("platform-admin");
        var code = await Setup.Department("bind").CreateAsync(broker);
        await admin.Send(HttpMethod.Put, $"/api/platform/departments/{code}", new
        {
            nameZh = "测试局", nameEn = "Test Bureau", parentCode = (string?)null, budgetCode = "B-002", status = "active",
            contacts = new[] { new { name = "李四", email = "li@example.gov", phone = "010-5678", role = "IT" } },
        }).Expect(HttpStatusCode.OK);
        await admin.Send(HttpMethod.Put, $"/api/platform/departments/{code}/quota", new { limits = new Dictionary<string, long> { ["vcpu"] = 8 } }).Expect(HttpStatusCode.OK);
        await broker.As("dept-admin", code).Send(HttpMethod.Post, $"/api/departments/{code}/reservations", new { id = "hold-1", vector = new { vcpu = 1 }, ttlSeconds = 60 })
            .Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_query_parameter_of_the_wrong_type_is_a_400_problem_naming_it()
    {
        await ProblemAssert.Is(broker.As("platform-admin").Send(HttpMethod.Get, "/api/catalog/plans?limit=many"), HttpStatusCode.BadRequest, "parameter.invalid", "limit");
    }
}
