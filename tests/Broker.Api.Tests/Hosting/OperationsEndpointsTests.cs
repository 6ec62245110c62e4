using System.Net;
using Broker.Api.Identity;

namespace Broker.Api.Tests.Hosting;

[Collection(ApiCollection.Name)]
public sealed class OperationsEndpointsTests(BrokerApiFactory broker)
{
    [Fact]
    public async Task Liveness_and_readiness_answer_when_the_silo_and_database_are_up()
    {
        var client = broker.Anonymous();
        Assert.Equal("ok", await client.GetStringAsync("/healthz"));
        var ready = await client.Send(HttpMethod.Get, "/readyz").Expect(HttpStatusCode.OK);
        Assert.True((bool)ready["silo"]!);
        Assert.True((bool)ready["database"]!);
    }

    [Fact]
    public async Task Metrics_are_prometheus_text_with_http_and_broker_series()
    {
        var code = await Setup.Department("metrics").CreateAsync(broker);
        await broker.As("dept-admin", code).Send(HttpMethod.Post, $"/api/departments/{code}/reservations", new { vector = new { vcpu = 1 } }).Expect(HttpStatusCode.Created);

        var text = await broker.As("metrics-reader").GetStringAsync("/metrics");

        Assert.Contains("http_requests_received_total", text);
        Assert.Contains("broker_quota_reservation_decisions_total{outcome=\"granted\"}", text);
        Assert.Contains($"broker_quota_amount{{department=\"{code}\",dimension=\"vcpu\",measure=\"reserved\"}} 1", text);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("dept-admin", HttpStatusCode.Forbidden)]
    [InlineData("dept-reader", HttpStatusCode.Forbidden)]
    [InlineData("finance", HttpStatusCode.Forbidden)]
    [InlineData("auditor", HttpStatusCode.Forbidden)]
    [InlineData("metrics-reader", HttpStatusCode.OK)]
    [InlineData("platform-operator", HttpStatusCode.OK)]
    [InlineData("platform-admin", HttpStatusCode.OK)]
    public async Task Metrics_need_the_scraper_or_platform_role_since_they_carry_every_department(string? role, HttpStatusCode expected)
    {
        var client = role is null ? broker.Anonymous() : broker.As(role, Roles.IsDepartmentRole(role) ? "housing-fund" : null);

        var response = await client.GetAsync("/metrics");

        Assert.Equal(expected, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(expected == HttpStatusCode.OK, text.Contains("broker_quota_amount", StringComparison.Ordinal) || text.Contains("http_requests_received_total", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_metrics_reader_token_opens_nothing_but_metrics()
    {
        var scraper = broker.As("metrics-reader");

        await scraper.Send(HttpMethod.Get, "/api/platform/departments").Expect(HttpStatusCode.Forbidden);
        await scraper.Send(HttpMethod.Get, "/api/platform/audit").Expect(HttpStatusCode.Forbidden);
        await scraper.Send(HttpMethod.Get, "/api/departments/housing-fund/quota").Expect(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_openapi_document_lists_every_audience_and_the_reference_page_is_served()
    {
        var document = await broker.Anonymous().Send(HttpMethod.Get, "/openapi/v1.json").Expect(HttpStatusCode.OK);
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();

        Assert.Contains("/api/platform/departments", paths);
        Assert.Contains("/api/platform/departments/{code}/quota", paths);
        Assert.Contains("/api/departments/{code}/reservations/{id}/commit", paths);
        Assert.Contains("/api/platform/audit", paths);
        Assert.Equal(HttpStatusCode.OK, (await broker.Anonymous().GetAsync("/scalar/v1")).StatusCode);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        var client = broker.CreateClient();
        var otherKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, otherKey);
        var forged = new Broker.Api.Identity.TokenIssuer(new Broker.Api.Identity.AuthOptions(), Broker.Api.Identity.SigningKey.LoadOrCreate(file), TimeProvider.System)
            .Issue("mallory", "platform-admin", null);
        File.Delete(file);
        client.DefaultRequestHeaders.Authorization = new("Bearer", forged);

        await client.Send(HttpMethod.Get, "/api/platform/departments").Expect(HttpStatusCode.Unauthorized);
    }
}
