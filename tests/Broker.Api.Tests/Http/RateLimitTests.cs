using System.Net;
using Broker.Api.Tests.Hosting;

namespace Broker.Api.Tests.Http;

/// <summary>Per-caller rate limits through HTTP: who is refused, how, and who is not.</summary>
public sealed class RateLimitTests(RateLimitedApiFactory broker) : IClassFixture<RateLimitedApiFactory>
{
    [Fact]
    public async Task A_caller_past_its_write_limit_gets_429_problem_with_retry_after_and_the_refused_write_changes_nothing()
    {
        var code = await NewDepartmentAsync("rl-flood");
        var member = broker.As("dept-member", code, subject: $"flooder@{code}");
        for (var i = 0; i < RateLimitedApiFactory.SubjectWrites; i++)
        {
            await Reserve(member, code).Expect(HttpStatusCode.Created);
        }

        var refused = await Reserve(member, code, language: "en");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, "Retry-After in seconds");
        var problem = await refused.Json();
        Assert.Equal("rate-limited", (string?)problem["code"]);
        Assert.Equal(429, (int?)problem["status"]);
        Assert.Contains("rate limit", (string?)problem["detail"], StringComparison.Ordinal);
        var quota = await member.Send(HttpMethod.Get, $"/api/departments/{code}/quota").Expect(HttpStatusCode.OK);
        var vcpu = quota["dimensions"]!.AsArray().Single(d => (string)d!["dimension"]! == "vcpu")!;
        Assert.Equal(RateLimitedApiFactory.SubjectWrites, vcpu["reserved"]!.GetValue<long>());
    }

    [Fact]
    public async Task The_refusal_is_in_chinese_by_default_and_counted_per_department_in_metrics()
    {
        var code = await NewDepartmentAsync("rl-metric");
        var member = broker.As("dept-member", code);
        for (var i = 0; i < RateLimitedApiFactory.SubjectWrites; i++)
        {
            await Reserve(member, code).Expect(HttpStatusCode.Created);
        }

        var problem = await Reserve(member, code).Expect(HttpStatusCode.TooManyRequests);

        Assert.Contains("请求过于频繁", (string?)problem["detail"], StringComparison.Ordinal);
        var metrics = await broker.As("metrics-reader").GetStringAsync("/metrics");
        Assert.Contains($"broker_rate_limit_refusals_total{{department=\"{code}\",class=\"write\"}} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callers_of_one_department_share_its_budget_while_another_department_keeps_its_own()
    {
        var code = await NewDepartmentAsync("rl-shared");
        var quiet = await NewDepartmentAsync("rl-quiet");
        var first = broker.As("dept-member", code, subject: $"first@{code}");
        var second = broker.As("dept-admin", code, subject: $"second@{code}");
        for (var i = 0; i < RateLimitedApiFactory.SubjectWrites; i++)
        {
            await Reserve(first, code).Expect(HttpStatusCode.Created);
        }

        for (var i = RateLimitedApiFactory.SubjectWrites; i < RateLimitedApiFactory.DepartmentWrites; i++)
        {
            await Reserve(second, code).Expect(HttpStatusCode.Created);
        }

        // The second caller has subject tokens left, but the department's bucket is empty.
        await Reserve(second, code).Expect(HttpStatusCode.TooManyRequests);
        await Reserve(broker.As("dept-member", quiet), quiet).Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Aiming_at_another_departments_routes_spends_the_callers_own_budget_not_the_targets()
    {
        var attacker = await NewDepartmentAsync("rl-attacker");
        var victim = await NewDepartmentAsync("rl-victim");
        var intruder = broker.As("dept-member", attacker, subject: $"one@{attacker}");
        var accomplice = broker.As("dept-admin", attacker, subject: $"two@{attacker}");
        for (var i = 0; i < RateLimitedApiFactory.SubjectWrites; i++)
        {
            await Reserve(intruder, victim).Expect(HttpStatusCode.NotFound);
        }

        for (var i = RateLimitedApiFactory.SubjectWrites; i < RateLimitedApiFactory.DepartmentWrites; i++)
        {
            await Reserve(accomplice, victim).Expect(HttpStatusCode.NotFound);
        }

        // The attacker's department bucket is empty; the victim's is untouched.
        await Reserve(accomplice, victim).Expect(HttpStatusCode.TooManyRequests);
        await Reserve(accomplice, attacker).Expect(HttpStatusCode.TooManyRequests);
        var owner = broker.As("dept-member", victim);
        for (var i = 0; i < RateLimitedApiFactory.SubjectWrites; i++)
        {
            await Reserve(owner, victim).Expect(HttpStatusCode.Created);
        }
    }

    [Fact]
    public async Task Expensive_reads_are_limited_and_cheap_reads_are_not()
    {
        var code = await NewDepartmentAsync("rl-reads");
        var reader = broker.As("dept-reader", code);
        for (var i = 0; i < RateLimitedApiFactory.SubjectReads; i++)
        {
            await reader.Send(HttpMethod.Get, $"/api/departments/{code}/statements/2026-11").Expect(HttpStatusCode.OK);
        }

        await reader.Send(HttpMethod.Get, $"/api/departments/{code}/statements/2026-11").Expect(HttpStatusCode.TooManyRequests);
        await reader.Send(HttpMethod.Get, $"/api/departments/{code}/finance/trend").Expect(HttpStatusCode.TooManyRequests);
        for (var i = 0; i < 10; i++)
        {
            await reader.Send(HttpMethod.Get, $"/api/departments/{code}/quota").Expect(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task The_capacity_report_is_an_expensive_read_limited_per_staff_member()
    {
        var operatorClient = broker.As("platform-operator", subject: $"operator-{Guid.NewGuid():n}");
        for (var i = 0; i < RateLimitedApiFactory.SubjectReads; i++)
        {
            await operatorClient.Send(HttpMethod.Get, "/api/platform/capacity").Expect(HttpStatusCode.OK);
        }

        await operatorClient.Send(HttpMethod.Get, "/api/platform/capacity").Expect(HttpStatusCode.TooManyRequests);
        await broker.As("platform-operator", subject: $"colleague-{Guid.NewGuid():n}").Send(HttpMethod.Get, "/api/platform/capacity").Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Unsigned_requests_are_answered_by_authentication_and_spend_no_tokens()
    {
        var code = await NewDepartmentAsync("rl-auth");
        for (var i = 0; i < RateLimitedApiFactory.DepartmentWrites + 1; i++)
        {
            await Reserve(broker.Anonymous(), code).Expect(HttpStatusCode.Unauthorized);
        }

        await Reserve(broker.As("dept-member", code), code).Expect(HttpStatusCode.Created);
    }

    private static Task<HttpResponseMessage> Reserve(HttpClient client, string code, string? language = null) =>
        client.Send(HttpMethod.Post, $"/api/departments/{code}/reservations", new { vector = new { vcpu = 1 } }, language: language);

    /// <summary>Each department is created by a staff member of its own, so set-up spends no test caller's tokens.</summary>
    private async Task<string> NewDepartmentAsync(string prefix)
    {
        var code = HttpTesting.NewCode(prefix);
        await broker.As("platform-admin", subject: $"admin-{Guid.NewGuid():n}").Send(HttpMethod.Post, "/api/platform/departments", HttpTesting.Department(code))
            .Expect(HttpStatusCode.Created);
        return code;
    }
}
