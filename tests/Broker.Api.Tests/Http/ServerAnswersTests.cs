using System.Net;
using System.Text;
using Broker.Api.Tests.Hosting;

namespace Broker.Api.Tests.Http;

/// <summary>
/// What the web server and the pipeline answer before any handler: each a problem+json with a code, localized, or,
/// where Kestrel refuses before the broker sees the request, Kestrel's bare answer (docs/security.md lists which).
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class ServerAnswersTests(EdgeHost broker)
{
    [Fact]
    public async Task An_unknown_route_is_a_404_problem_with_route_not_found_in_both_languages()
    {
        var admin = broker.As("platform-admin");

        var zh = await ProblemAssert.Is(admin.Send(HttpMethod.Get, "/api/no-such-thing"), HttpStatusCode.NotFound, "route.not-found");
        var en = await ProblemAssert.Is(admin.Send(HttpMethod.Get, "/api/no-such-thing", language: "en"), HttpStatusCode.NotFound, "route.not-found");

        Assert.Equal("没有这个地址。", (string?)zh["detail"]);
        Assert.Equal("There is no such address.", (string?)en["detail"]);
    }

    [Fact]
    public async Task A_method_the_route_does_not_take_is_a_405_problem_that_keeps_the_allow_header()
    {
        var response = await broker.As("platform-admin").Send(HttpMethod.Patch, "/api/platform/departments");

        await ProblemAssert.Is(response, HttpStatusCode.MethodNotAllowed, "request.method-not-allowed");
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task No_token_is_a_401_problem_that_keeps_the_bearer_challenge()
    {
        var response = await broker.Anonymous().Send(HttpMethod.Get, "/api/platform/departments", language: "en");

        var problem = await ProblemAssert.Is(response, HttpStatusCode.Unauthorized, "authentication.required");
        Assert.Equal("A valid access token is required.", (string?)problem["detail"]);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task A_role_without_the_right_is_a_403_problem_with_forbidden()
    {
        await ProblemAssert.Is(broker.As("dept-admin", "edge-any").Send(HttpMethod.Get, "/api/platform/departments"), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task A_json_endpoint_sent_another_content_type_is_a_415_problem_and_creates_nothing()
    {
        var before = await Footprint.OfAsync(broker.ConnectionString);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/platform/departments")
        {
            Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(HttpTesting.Department(HttpTesting.NewCode("edge"))), Encoding.UTF8, "text/plain"),
        };

        var response = await broker.As("platform-admin").SendAsync(request);

        await ProblemAssert.Is(response, HttpStatusCode.UnsupportedMediaType, "request.unsupported-media-type", "Content-Type");
        Assert.Equal(before, await Footprint.OfAsync(broker.ConnectionString));
    }

    [Fact]
    public async Task A_target_longer_than_the_broker_answers_is_a_414_problem_and_past_kestrels_line_limit_a_bare_414()
    {
        var token = broker.Token("platform-admin");

        var brokers = await RawHttp.SendAsync(broker.BaseAddress, $"GET /api/platform/departments/{new string('a', 5000)} HTTP/1.1\r\nAuthorization: Bearer {token}");
        var kestrels = await RawHttp.SendAsync(broker.BaseAddress, $"GET /api/platform/departments/{new string('a', 9000)} HTTP/1.1\r\nAuthorization: Bearer {token}");

        ProblemAssert.Is(brokers, 414, "request.uri-too-long");
        Assert.Equal(414, kestrels.Status);
        Assert.Equal("", kestrels.Body);
    }

    [Fact]
    public async Task Kestrel_refuses_a_NUL_in_the_path_with_a_bare_400_before_the_broker_sees_it_and_nothing_changes()
    {
        var before = await Footprint.OfAsync(broker.ConnectionString);

        var answer = await RawHttp.SendAsync(broker.BaseAddress, $"PUT /api/finance/om-profiles/a%00b/sys HTTP/1.1\r\nAuthorization: Bearer {broker.Token("finance")}\r\nContent-Type: application/json", "{}"u8.ToArray());

        Assert.Equal(400, answer.Status);
        Assert.Equal("", answer.Body);
        Assert.Equal(before, await Footprint.OfAsync(broker.ConnectionString));
    }

    [Theory]
    [InlineData(new byte[] { 0x6b, 0xe9 })] // Latin-1 "ké": not UTF-8, which Kestrel's default refused with a bare 400
    [InlineData(new byte[] { 0xd0, 0xba, 0xd0, 0xbb })] // UTF-8 "кл": not visible ASCII
    public async Task An_idempotency_key_outside_ASCII_is_a_400_problem_naming_the_header_and_creates_nothing(byte[] key)
    {
        var before = await Footprint.OfAsync(broker.ConnectionString);
        var head = new MemoryStream();
        head.Write(Encoding.ASCII.GetBytes($"POST /api/platform/departments HTTP/1.1\r\nAuthorization: Bearer {broker.Token("platform-admin")}\r\nContent-Type: application/json\r\nIdempotency-Key: "));
        head.Write(key);
        var body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(HttpTesting.Department(HttpTesting.NewCode("edge")));

        var answer = await RawHttp.SendAsync(broker.BaseAddress, head.ToArray(), body);

        ProblemAssert.Is(answer, 400, "idempotency.key-invalid", "Idempotency-Key");
        Assert.Equal(before, await Footprint.OfAsync(broker.ConnectionString));
    }

    [Fact]
    public async Task Errors_raised_while_reading_a_body_are_localized_like_every_other_answer()
    {
        var admin = broker.As("platform-admin");

        var zh = await ProblemAssert.Is(admin.Send(HttpMethod.Post, "/api/platform/departments", "{\"code\":"), HttpStatusCode.BadRequest, "json.malformed");
        var en = await ProblemAssert.Is(admin.Send(HttpMethod.Post, "/api/platform/departments", "{\"code\":", language: "en"), HttpStatusCode.BadRequest, "json.malformed");

        Assert.StartsWith("请求体不是有效的 JSON", (string?)zh["detail"], StringComparison.Ordinal);
        Assert.StartsWith("The request body is not valid JSON", (string?)en["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_404_or_409_from_a_handler_names_the_field_that_was_not_found_or_in_conflict()
    {
        var admin = broker.As("platform-admin");
        var code = await Setup.Department("edge-nf").CreateAsync(broker);
        var member = broker.As("dept-admin", code);

        await ProblemAssert.Is(member.Send(HttpMethod.Get, $"/api/departments/{code}/resources/no-such-resource"), HttpStatusCode.NotFound, "resource.not-found", "id");
        await ProblemAssert.Is(member.Send(HttpMethod.Get, $"/api/departments/{code}/reservations/no-such-hold"), HttpStatusCode.NotFound, "reservation.not-found", "id");
        await ProblemAssert.Is(member.Send(HttpMethod.Get, "/api/departments/someone-else/quota"), HttpStatusCode.NotFound, "department.not-found", "code");
        await ProblemAssert.Is(admin.Send(HttpMethod.Get, "/api/platform/departments/no-such-dept"), HttpStatusCode.NotFound, "department.not-found", "code");
        await ProblemAssert.Is(admin.Send(HttpMethod.Get, "/api/catalog/plans/no-such-plan"), HttpStatusCode.NotFound, "plan.not-found", "code");

        var key = Guid.NewGuid().ToString("n");
        await admin.Send(HttpMethod.Post, "/api/platform/departments", HttpTesting.Department(HttpTesting.NewCode("edge-k")), key).Expect(HttpStatusCode.Created);
        await ProblemAssert.Is(admin.Send(HttpMethod.Post, "/api/platform/departments", HttpTesting.Department(HttpTesting.NewCode("edge-k")), key),
            HttpStatusCode.Conflict, "idempotency.key-reused", "Idempotency-Key");
    }
}
