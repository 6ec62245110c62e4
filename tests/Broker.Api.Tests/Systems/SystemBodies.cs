using System.Net;
using System.Text.Json.Nodes;
using Broker.Api.Tests.Hosting;

namespace Broker.Api.Tests.Systems;

/// <summary>Request bodies and setup steps shared by the systems API tests.</summary>
public static class SystemBodies
{
    public static JsonObject Registration(
        string name = "住房公积金业务系统", string category = "business-application", string? justification = null, decimal investment = 3_000_000m) => new()
    {
        ["name"] = name,
        ["description"] = "缴存、提取与贷款业务",
        ["omTier"] = 2,
        ["buildInvestmentCny"] = investment,
        ["category"] = category,
        ["declarations"] = new JsonObject
        {
            ["onSharedCloud"] = true,
            ["networkZone"] = "extranet",
            ["sharingScope"] = "department",
            ["sharedCatalogEntries"] = new JsonArray("公积金缴存信息", "个人贷款信息"),
        },
        ["exemptionJustification"] = justification,
    };

    public static object Approve(long vcpu = 16, string? exemption = null) => new
    {
        approve = true,
        envelope = new { vector = new Dictionary<string, long> { ["vcpu"] = vcpu, ["memory_gib"] = vcpu * 4 }, period = "per-year" },
        exemptionReason = exemption,
    };

    public static object Reject(string note = "与全市统一平台功能重复") => new { approve = false, note };

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():n}"[..20];

    /// <summary>A fresh department created by the platform admin.</summary>
    public static Task<string> DepartmentAsync(BrokerApiFactory broker, string prefix) => Setup.Department(prefix).CreateAsync(broker);

    /// <summary>Registers a system as the department's member and returns its id.</summary>
    public static async Task<string> RegisterAsync(BrokerApiFactory broker, string department, JsonObject? body = null)
    {
        var id = NewId("sys");
        await broker.As("dept-member", department).Send(HttpMethod.Put, $"/api/departments/{department}/systems/{id}", (body ?? Registration()).ToJsonString())
            .Expect(HttpStatusCode.Created);
        return id;
    }
}
