using System.Net;
using Broker.Api.Audit;
using Broker.Api.Identity;
using Broker.Api.Tests.Hosting;

namespace Broker.Api.Tests.Identity;

/// <summary>Who reads which audit entries: the pure rule, and its refusal as the API answers it.</summary>
[Collection(ApiCollection.Name)]
public sealed class AuditScopeTests(BrokerApiFactory broker)
{
    private static BrokerUser User(string role, string? department = null) =>
        new($"{role}@x", null, new HashSet<string>(StringComparer.Ordinal) { role }, department);

    [Theory]
    [InlineData("dept-reader", "fund", "fund", null, true)]
    [InlineData("dept-reader", "fund", "other", null, false)]
    [InlineData("auditor", null, "fund", null, true)]
    [InlineData("auditor", null, null, null, true)]
    [InlineData("platform-admin", null, "fund", "department", true)]
    [InlineData("platform-operator", null, "fund", null, false)]
    [InlineData("platform-operator", null, "fund", "order", true)]
    [InlineData("platform-operator", null, "fund", "resource", true)]
    [InlineData("platform-operator", null, "fund", "budget", false)]
    [InlineData("platform-operator", null, null, "order", true)]
    [InlineData("finance", null, "fund", null, false)]
    [InlineData("finance", null, "fund", "budget", true)]
    [InlineData("finance", null, null, "rate-card", true)]
    [InlineData("finance", null, "fund", "order", false)]
    [InlineData("metrics-reader", null, null, "order", false)]
    public void Each_role_reads_the_audit_entries_its_work_needs(string role, string? own, string? department, string? objectType, bool allowed)
    {
        Assert.Equal(allowed, AuditScope.Allows(User(role, own), department, objectType));
    }

    [Theory]
    [InlineData("en", "order, resource")]
    [InlineData("zh-CN", "order, resource")]
    public async Task An_operator_asking_for_the_whole_trail_is_told_which_object_types_to_name(string language, string types)
    {
        var code = await Setup.Department("scope").CreateAsync(broker);

        var response = await broker.As("platform-operator").Send(HttpMethod.Get, $"/api/departments/{code}/audit", language: language);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Json();
        Assert.Equal("audit.out-of-scope", (string?)problem["code"]);
        Assert.Equal("objectType", (string?)problem["field"]);
        Assert.Contains(types, (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Contains(language == "en" ? "Your role" : "您的角色", (string?)problem["detail"], StringComparison.Ordinal);
    }
}
